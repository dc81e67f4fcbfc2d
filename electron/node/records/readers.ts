import { getAddress, ZeroAddress } from 'ethers'
import { NotRegisteredPatientError } from '../errors.ts'
import { listStaff } from '../identity/staff.ts'
import type { HospitalNode } from '../node.ts'
import type { ReaderRole } from './manifest.ts'

export interface Reader {
  address: string
  role: ReaderRole
  publicKey: string
}

/**
 * The encryption public key an account published when it registered (events; for a patient,
 * the key of their last key re-issue), or, for an account of this workstation (an institution's first admin publishes none), its local one.
 */
export function publishedKeyOf(node: HospitalNode, address: string): string | null {
  const wanted = address.toLowerCase()
  const events = [
    ...node.chain.indexer
      .events('PatientRegistered')
      .map((e) => [e.args.patient, e.args.encryptionPublicKey]),
    ...node.chain.indexer
      .events('StaffRegistered')
      .map((e) => [e.args.account, e.args.encryptionPublicKey]),
    ...node.chain.indexer
      .events('EmergencyReleaserSet')
      .map((e) => [e.args.releaser, e.args.encryptionPublicKey]),
    // A patient's re-issued key replaces the one they registered with (identity/patient-keys.ts).
    ...node.chain.indexer
      .events('PatientKeyReissued')
      .map((e) => [e.args.patient, e.args.encryptionPublicKey]),
  ]
  const published = events.findLast(([account]) => account?.toLowerCase() === wanted)?.[1]
  return (
    published ?? node.vault.list().find((a) => a.address === wanted)?.encryptionPublicKey ?? null
  )
}

/** The account the registry names `institution`'s emergency releaser now; null for none. */
export function releaserOf(node: HospitalNode, institution: number): string | null {
  const set = node.chain.indexer
    .events('EmergencyReleaserSet')
    .findLast((event) => Number(event.args.institution) === institution)
  return set && set.args.releaser !== ZeroAddress ? getAddress(set.args.releaser!) : null
}

/**
 * Readers with an unexpired, unrevoked grant from the patient and the grant's expiry (unix
 * seconds, 0 = until revoked), replayed from the events.
 */
export function currentGrants(node: HospitalNode, patient: string): Map<string, bigint> {
  const now = Date.now() / 1000
  const grants = new Map<string, bigint>()
  for (const { name, args } of node.chain.indexer.events()) {
    if (args.patient?.toLowerCase() !== patient.toLowerCase()) continue
    if (name === 'AccessGranted') grants.set(getAddress(args.reader!), BigInt(args.expiry!))
    if (name === 'AccessRevoked') grants.delete(getAddress(args.reader!))
  }
  for (const [reader, expiry] of grants) {
    if (expiry !== 0n && Number(expiry) <= now) grants.delete(reader)
  }
  return grants
}

function currentGrantees(node: HospitalNode, patient: string): string[] {
  return [...currentGrants(node, patient).keys()]
}

/** Which grantees a version's key is wrapped for. */
export interface GranteeChoice {
  /** The record is restricted: no grantee may read it, so none gets its key. */
  restricted: boolean
  /** A grantee losing access now, before the chain's events say so (a revocation under way). */
  except?: string
}

/**
 * Who gets a version's key: the patient, the uploader, the uploader's institution (its active
 * administrators and its emergency releaser, who release keys in an emergency or when the
 * uploader has left) and the patient's current grantees unless the record is restricted.
 * Revoked readers are not among them, so a version added after a revocation is closed to them.
 * An uploader without a published key (only a key rotation's record creator can be one) is left
 * out; a patient anchoring their own key rotation is there as the patient.
 */
export function recordReaders(
  node: HospitalNode,
  patient: string,
  uploader: { address: string; publicKey: string | null; institution: number | null },
  grantees: GranteeChoice,
): Reader[] {
  const patientKey = publishedKeyOf(node, patient)
  if (!patientKey) throw new NotRegisteredPatientError(`${patient} is not a registered patient`)
  const readers: Reader[] = [
    { address: getAddress(patient), role: 'patient', publicKey: patientKey },
  ]
  if (uploader.publicKey && getAddress(uploader.address) !== getAddress(patient)) {
    readers.push({
      address: getAddress(uploader.address),
      role: 'uploader',
      publicKey: uploader.publicKey,
    })
  }
  const granteeAddresses = grantees.restricted
    ? []
    : currentGrantees(node, patient).filter(
        (g) => g.toLowerCase() !== grantees.except?.toLowerCase(),
      )
  const admins = listStaff(node, {
    status: 'active',
    institution: uploader.institution ?? undefined,
  })
    .filter((s) => uploader.institution !== null && s.role === 'administrator')
    .map((s) => s.address)
  const releaser = uploader.institution === null ? null : releaserOf(node, uploader.institution)
  const candidates: [string, ReaderRole][] = [
    ...[...admins, ...(releaser ? [releaser] : [])].map((a): [string, ReaderRole] => [
      a,
      'custodian',
    ]),
    ...granteeAddresses.map((g): [string, ReaderRole] => [g, 'grantee']),
  ]
  for (const [address, role] of candidates) {
    if (readers.some((r) => r.address.toLowerCase() === address.toLowerCase())) continue
    const publicKey = publishedKeyOf(node, address)
    if (publicKey) readers.push({ address: getAddress(address), role, publicKey })
  }
  return readers
}

/**
 * Patient-controlled access (paper section III.C): staff ask, the patient grants (optionally until
 * a date), restricts single records, revokes. State is the registry's; the lists here are
 * replayed from its indexed events.
 */
import { getAddress } from 'ethers'
import { blockTimes } from '../chain/block-times.ts'
import type { IndexedEvent } from '../chain/indexer.ts'
import { callRegistry, receiptView, sessionSigner } from '../identity/registry-calls.ts'
import type { HospitalNode } from '../node.ts'
import { keyBundleCidOf, publishKeyBundle } from './key-bundle.ts'
import { actForPatient } from './patient-actor.ts'
import { listEmergencies } from './emergency.ts'
import { partyResolver } from './parties.ts'
import {
  accessPurposes,
  codeOf,
  nameOf,
  type AccessPurpose,
  type PatientConsent,
} from './schemas.ts'
import type { AccessActionResult, AccessOverview, GrantView } from './types.ts'

/** Staff ask the patient for access; the request is an event the patient's screens list. */
export async function requestAccess(
  node: HospitalNode,
  input: { patient: string; purpose: AccessPurpose },
): Promise<AccessActionResult> {
  const sent = await callRegistry(node, sessionSigner(node), 'requestAccess', [
    input.patient,
    codeOf(accessPurposes, input.purpose),
  ])
  return { receipt: receiptView(node, sent, 'requested') }
}

/** The end of the last day of access, in unix seconds; 0 = until revoked. */
function expiryOf(until: string | undefined): bigint {
  return until ? BigInt(Date.parse(`${until}T23:59:59Z`) / 1000) : 0n
}

/**
 * The patient grants `reader` access to all their records. The keys the patient holds are
 * re-wrapped for the reader into one key bundle on IPFS, which the grant's event points to.
 */
export async function grantAccess(
  node: HospitalNode,
  input: { patient: string; reader: string; until?: string; consent?: PatientConsent },
): Promise<AccessActionResult> {
  const patient = getAddress(input.patient)
  const reader = getAddress(input.reader)
  const actor = await actForPatient(node, patient, input.consent)
  const bundle = await publishKeyBundle(node, {
    patient,
    reader,
    holder: { address: patient, roles: ['patient'], encryptionKey: actor.encryptionKey },
  })
  const expiry = expiryOf(input.until)
  const bundleCid = bundle.cid?.bytes ?? new Uint8Array()
  const sent = await actor.send({
    direct: ['grantAccess', [reader, expiry, bundleCid]],
    typed: ['GrantAccess', { patient, reader, expiry, keyBundleCid: bundleCid }],
    bySig: (deadline, r, vs) => [
      'grantAccessBySig',
      [patient, reader, expiry, bundleCid, deadline, r, vs],
    ],
  })
  return {
    receipt: receiptView(node, sent, 'granted'),
    via: actor.via,
    keyBundleCid: bundle.cid?.toString() ?? null,
    keysShared: bundle.keys,
  }
}

/**
 * The patient revokes `reader`'s grant, at once on chain; versions added afterwards are not
 * wrapped for the reader. What the reader already opened, they may have kept.
 */
export async function revokeAccess(
  node: HospitalNode,
  input: { patient: string; reader: string; consent?: PatientConsent },
): Promise<AccessActionResult> {
  const patient = getAddress(input.patient)
  const reader = getAddress(input.reader)
  const actor = await actForPatient(node, patient, input.consent)
  const sent = await actor.send({
    direct: ['revokeAccess', [reader]],
    typed: ['RevokeAccess', { patient, reader }],
    bySig: (deadline, r, vs) => ['revokeAccessBySig', [patient, reader, deadline, r, vs]],
  })
  return { receipt: receiptView(node, sent, 'revoked'), via: actor.via }
}

/** The patient closes one record to grantees (or opens it again). */
export async function restrictRecord(
  node: HospitalNode,
  input: { patient: string; recordId: number; restricted: boolean; consent?: PatientConsent },
): Promise<AccessActionResult> {
  const patient = getAddress(input.patient)
  const { recordId, restricted } = input
  const actor = await actForPatient(node, patient, input.consent)
  const sent = await actor.send({
    direct: ['setRecordRestricted', [recordId, restricted]],
    typed: ['SetRecordRestricted', { patient, recordId, restricted }],
    bySig: (deadline, r, vs) => [
      'setRecordRestrictedBySig',
      [patient, recordId, restricted, deadline, r, vs],
    ],
  })
  return {
    receipt: receiptView(node, sent, restricted ? 'restricted' : 'unrestricted'),
    via: actor.via,
  }
}

function isPatients(event: IndexedEvent, patient: string): boolean {
  return event.args.patient?.toLowerCase() === patient.toLowerCase()
}

/** Requests, grants, restrictions and emergencies of one patient, as the chain has them. */
export async function accessOverview(
  node: HospitalNode,
  patientAddress: string,
): Promise<AccessOverview> {
  const patient = getAddress(patientAddress)
  const events = node.chain.indexer.events().filter((e) => isPatients(e, patient))
  const times = await blockTimes(
    node,
    events.map((e) => e.blockNumber),
  )
  const timeOf = (e: IndexedEvent) => times.get(e.blockNumber) ?? ''
  const party = partyResolver(node)
  const now = Date.now()

  const grants = new Map<string, GrantView>()
  const restricted = new Set<number>()
  for (const event of events) {
    const { name, args } = event
    if (name === 'AccessGranted') {
      const expiry = Number(args.expiry)
      grants.set(args.reader!.toLowerCase(), {
        reader: party(args.reader!),
        expiresAt: expiry === 0 ? null : new Date(expiry * 1000).toISOString(),
        state: expiry !== 0 && expiry * 1000 <= now ? 'expired' : 'active',
        grantedAt: timeOf(event),
        revokedAt: null,
        keyBundleCid: keyBundleCidOf(args.keyBundleCid!)?.toString() ?? null,
        txHash: event.txHash,
      })
    } else if (name === 'AccessRevoked') {
      const grant = grants.get(args.reader!.toLowerCase())
      if (grant) Object.assign(grant, { state: 'revoked', revokedAt: timeOf(event) })
    } else if (name === 'RecordRestrictionChanged') {
      if (args.restricted === 'true') restricted.add(Number(args.recordId))
      else restricted.delete(Number(args.recordId))
    }
  }

  const requests = events
    .filter((e) => e.name === 'AccessRequested')
    .map((request) => ({
      staff: party(request.args.staff!),
      purpose: nameOf(accessPurposes, Number(request.args.purpose)),
      requestedAt: timeOf(request),
      txHash: request.txHash,
      answered: events.some(
        (e) =>
          e.name === 'AccessGranted' &&
          e.args.reader?.toLowerCase() === request.args.staff?.toLowerCase() &&
          (e.blockNumber > request.blockNumber ||
            (e.blockNumber === request.blockNumber && e.logIndex > request.logIndex)),
      ),
    }))
    .reverse()

  return {
    patient: party(patient),
    requests,
    grants: [...grants.values()].reverse(),
    restrictedRecords: [...restricted].sort((a, b) => a - b),
    emergencies: (await listEmergencies(node)).filter(
      (e) => e.patient.address.toLowerCase() === patient.toLowerCase(),
    ),
  }
}

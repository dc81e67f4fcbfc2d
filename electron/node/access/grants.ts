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
import { declinedRequests } from './declines.ts'
import { listRecords } from '../records/record-index.ts'
import { currentGrants } from '../records/readers.ts'
import { keyBundleCidOf, keyHolders, publishKeyBundle } from './key-bundle.ts'
import { grantableVersions, restrictedRecordIds, restrictedRecords } from './key-coverage.ts'
import { actForPatient, type PatientActor } from './patient-actor.ts'
import { rotateForRestriction, rotateForRevocation } from './rotation.ts'
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
  const actor = await actForPatient(node, patient, input.consent)
  return sendGrant(node, actor, getAddress(input.reader), expiryOf(input.until))
}

/**
 * Publishes `reader`'s key bundle (every version but those of restricted records, whose keys no
 * grantee may hold) and grants access until `expiry` with it.
 */
async function sendGrant(
  node: HospitalNode,
  actor: PatientActor,
  reader: string,
  expiry: bigint,
): Promise<AccessActionResult> {
  const patient = actor.address
  const bundle = await publishKeyBundle(node, {
    patient,
    reader,
    holder: { address: patient, roles: ['patient'], encryptionKey: actor.encryptionKey },
    versions: grantableVersions(listRecords(node.db, patient), restrictedRecords(node, patient)),
  })
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
 * wrapped for the reader. With `rotateKeys`, every record whose current version the reader holds
 * a key for is re-keyed first (access/rotation.ts), so the keys they kept open nothing current.
 * What the reader already opened, they may have kept.
 */
export async function revokeAccess(
  node: HospitalNode,
  input: { patient: string; reader: string; rotateKeys?: boolean; consent?: PatientConsent },
): Promise<AccessActionResult> {
  const patient = getAddress(input.patient)
  const reader = getAddress(input.reader)
  const actor = await actForPatient(node, patient, input.consent)
  const rotated = input.rotateKeys
    ? await rotateForRevocation(node, { patient, reader, patientKey: actor.encryptionKey })
    : undefined
  const sent = await actor.send({
    direct: ['revokeAccess', [reader]],
    typed: ['RevokeAccess', { patient, reader }],
    bySig: (deadline, r, vs) => ['revokeAccessBySig', [patient, reader, deadline, r, vs]],
  })
  return { receipt: receiptView(node, sent, 'revoked'), via: actor.via, rotated }
}

/**
 * The patient closes one record to grantees (or opens it again). Closing re-keys the record
 * first when a grantee (or anyone else who may no longer read it) holds its current key; opening
 * re-issues the bundles of grantees who hold no key for it.
 */
export async function restrictRecord(
  node: HospitalNode,
  input: { patient: string; recordId: number; restricted: boolean; consent?: PatientConsent },
): Promise<AccessActionResult> {
  const patient = getAddress(input.patient)
  const { recordId, restricted } = input
  const actor = await actForPatient(node, patient, input.consent)
  const rotated = restricted
    ? await rotateForRestriction(node, { patient, recordId, patientKey: actor.encryptionKey })
    : null
  const sent = await actor.send({
    direct: ['setRecordRestricted', [recordId, restricted]],
    typed: ['SetRecordRestricted', { patient, recordId, restricted }],
    bySig: (deadline, r, vs) => [
      'setRecordRestrictedBySig',
      [patient, recordId, restricted, deadline, r, vs],
    ],
  })
  const reissued = restricted ? 0 : await reissueMissingKeys(node, actor, recordId)
  return {
    receipt: receiptView(node, sent, restricted ? 'restricted' : 'unrestricted'),
    via: actor.via,
    rotated: rotated ? [rotated] : [],
    grantsReissued: reissued,
  }
}

/**
 * After a restriction is lifted: each current grantee who holds no key for the record's current
 * version (it was re-keyed without them, or they were granted while it was restricted) gets a
 * new bundle, granted again until the same expiry. Returns how many grants were re-issued.
 */
async function reissueMissingKeys(
  node: HospitalNode,
  actor: PatientActor,
  recordId: number,
): Promise<number> {
  const record = listRecords(node.db, actor.address).find((r) => r.recordId === recordId)
  if (!record) return 0
  const current = record.versions[0]!.cid
  const holders = await keyHolders(node, actor.address, current)
  let reissued = 0
  for (const [reader, expiry] of currentGrants(node, actor.address)) {
    if (holders.has(reader)) continue
    await sendGrant(node, actor, reader, expiry)
    reissued++
  }
  return reissued
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
    }
  }

  const declined = declinedRequests(node.db, patient)
  const requests = events
    .filter((e) => e.name === 'AccessRequested')
    .map((request) => ({
      staff: party(request.args.staff!),
      purpose: nameOf(accessPurposes, Number(request.args.purpose)),
      requestedAt: timeOf(request),
      txHash: request.txHash,
      declinedAt: declined.get(request.txHash.toLowerCase()) ?? null,
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
    restrictedRecords: [...restrictedRecordIds(events, patient)].sort((a, b) => a - b),
    emergencies: (await listEmergencies(node)).filter(
      (e) => e.patient.address.toLowerCase() === patient.toLowerCase(),
    ),
  }
}

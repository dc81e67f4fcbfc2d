/**
 * Reads while the chain cannot be reached. The chain decides every read; during an outage a read
 * goes ahead only where the chain already said yes and nothing this node knows of has changed it:
 *
 * - the chain's own answer was a transport failure (ERR_CHAIN_UNREACHABLE), never a refusal or a
 *   refused consortium token;
 * - this reader opened this very version on this node before, with the chain's approval (a read
 *   in the read log), so an outage never gives anyone a record they did not already have;
 * - the index, as of its last block, still lets them: not suspended, not a replaced patient key,
 *   and unless they are the patient or the version's uploader, a grant not revoked or expired
 *   and the record not restricted, or an emergency still running (the registry's `accessStatus`
 *   replayed from events);
 * - that index held every block the chain had shown until at most `OFFLINE_READ_MAX_AGE_MS`
 *   ago: a revocation mined on a chain this node cannot reach stays unseen at most that long
 *   (and none can be mined while the chain itself is down, only while this node is cut off).
 *
 * The read is logged as any other, marked as decided without the chain, with the block its
 * decision rests on; the reader is told the same.
 */
import { getAddress } from 'ethers'
import type { IndexedEvent } from '../chain/indexer.ts'
import { ChainUnreachableError } from '../errors.ts'
import { patientOfKey } from '../identity/patient-keys.ts'
import type { HospitalNode } from '../node.ts'
import type { AnchoredVersion } from '../records/open.ts'
import { findVersion } from '../records/record-index.ts'
import type { AccessStatusName } from './schemas.ts'

/** How old the index's last check against the chain may be for a read without the chain. */
export const OFFLINE_READ_MAX_AGE_MS = 60 * 60_000

/** What a read without the chain rests on: the index up to `block`, current at `checkedAt`. */
export interface OfflineCheck {
  block: number
  checkedAt: string
}

/** The read-log detail of a read decided without the chain. */
export function offlineReadDetail(check: OfflineCheck): string {
  return `offline as of block ${check.block}`
}

/**
 * The anchor and access decision for a read while the chain is unreachable (`outage`, the
 * error the chain lookup gave), or `outage` itself when the rules above do not all hold.
 */
export function decideOffline(
  node: HospitalNode,
  cid: string,
  reader: string,
  outage: Error,
): { anchor: AnchoredVersion; status: AccessStatusName; check: OfflineCheck } {
  const refuse = (why: string) =>
    new ChainUnreachableError(`${outage.message}; ${why}`, { cause: outage })
  const version = findVersion(node.db, cid)
  if (!version || !readBefore(node, reader, cid)) {
    throw refuse('this record was not opened here before, so it needs the chain')
  }
  const check = indexCheck(node)
  if (!check || Date.now() - Date.parse(check.checkedAt) > OFFLINE_READ_MAX_AGE_MS) {
    throw refuse(
      `this node's copy of the chain's access state is older than ${OFFLINE_READ_MAX_AGE_MS / 60_000} minutes`,
    )
  }
  const anchor: AnchoredVersion = {
    recordId: version.recordId,
    version: version.version,
    uploader: getAddress(version.uploader),
    patient: getAddress(version.patient),
  }
  return { anchor, status: indexedAccessStatus(node, reader, anchor), check }
}

/** Whether `reader` read `cid` on this node before with the chain's approval. */
function readBefore(node: HospitalNode, reader: string, cid: string): boolean {
  return (
    node.db
      .prepare(
        `SELECT 1 FROM read_log WHERE cid = ? AND lower(reader) = lower(?)
         AND action IN ('open', 'save', 'verify') AND detail IS NULL LIMIT 1`,
      )
      .get(cid, reader) !== undefined
  )
}

/**
 * The last block indexed, and the last time the chain reported a head the index held (less the
 * confirmations it waits for); null when it never did since the node started.
 */
function indexCheck(node: HospitalNode): OfflineCheck | null {
  const block = node.chain.indexer.nextBlock - 1
  const at = node.chain.health.lastSeenAtOrBelow(block + node.chain.confirmations)
  return at && { block, checkedAt: at.toISOString() }
}

const same = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase()

/** The registry's `accessStatus` of `reader` for the anchor's record, from the indexed events. */
function indexedAccessStatus(
  node: HospitalNode,
  readerAccount: string,
  anchor: AnchoredVersion,
): AccessStatusName {
  const events = node.chain.indexer.events()
  const last = (match: (event: IndexedEvent) => boolean, ...names: string[]) =>
    events.findLast((event) => names.includes(event.name) && match(event))
  const standing = last(
    ({ args }) => same(args.account, readerAccount),
    'StaffRegistered',
    'StaffApproved',
    'StaffSuspended',
    'StaffReinstated',
    'StaffRejected',
  )
  if (standing?.name === 'StaffSuspended') return 'suspended'
  const pending = standing?.name === 'StaffRegistered' && standing.args.pending === 'true'
  if (standing?.name === 'StaffRejected' || pending) return 'not-registered'
  const isStaff = standing !== undefined
  // A re-issued key reads as its patient; a replaced one reads as no one.
  const reader = isStaff ? readerAccount : patientOfKey(node, readerAccount)
  if (!reader) return 'not-registered'
  if (same(reader, anchor.patient) || same(reader, anchor.uploader)) return 'allowed'
  const ofPair = ({ args }: IndexedEvent) =>
    same(args.patient, anchor.patient) && same(args.reader, reader)
  const grant = last(ofPair, 'AccessGranted', 'AccessRevoked')
  if (grant?.name === 'AccessRevoked') return 'revoked'
  const restriction = last(
    ({ args }) => Number(args.recordId) === anchor.recordId,
    'RecordRestrictionChanged',
  )
  if (restriction?.args.restricted === 'true') return 'restricted'
  const now = Date.now() / 1000
  const emergency = last(
    ({ args }) =>
      same(args.staff, reader) &&
      same(args.patient, anchor.patient) &&
      Number(args.expiresAt) > now,
    'EmergencyAccessDeclared',
  )
  if (isStaff && emergency) return 'allowed'
  if (!grant) return 'never-granted'
  const expiry = Number(grant.args.expiry)
  return expiry !== 0 && expiry <= now ? 'expired' : 'allowed'
}

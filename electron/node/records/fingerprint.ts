/**
 * Duplicate refusal across hospitals. Each version has a fresh key, so the same file uploaded at
 * two hospitals gives two different CIDs and the chain's CID lookup cannot see it. The manifest
 * therefore carries a keyed fingerprint of the plaintext: an HMAC of the patient and the file's
 * SHA-256 under a key derived from the swarm key, which every consortium node holds and nobody
 * outside it does. Any node can compare it without reading the record; outside the consortium it
 * reveals nothing. Inside, a node that already has a file can learn whether the patient has it
 * too: the price of refusing duplicates without a key to the records (docs/architecture.md).
 */
import { createHmac, hkdfSync } from 'node:crypto'
import { getAddress } from 'ethers'
import { CID } from 'multiformats/cid'
import type { Database } from '../db/database.ts'
import type { IpfsService } from '../ipfs/ipfs-service.ts'
import type { Logger } from '../log.ts'
import { decodeManifest, type Manifest } from './manifest.ts'

const FINGERPRINT_INFO = 'emr-node/content-fingerprint/1'
/** A manifest that does not arrive in this time is skipped; the next upload asks again. */
const MANIFEST_WAIT_MS = 3_000
/** Manifests fetched at once while looking for a duplicate. */
const MANIFEST_FETCHES = 8

/** The consortium's fingerprint key, derived from its swarm key. */
export function fingerprintKey(swarmKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', swarmKey, new Uint8Array(), FINGERPRINT_INFO, 32))
}

/** The fingerprint of a file (by its SHA-256, hex) uploaded for this patient. */
export function contentFingerprint(key: Uint8Array, patient: string, sha256: string): string {
  return createHmac('sha256', key)
    .update(`${getAddress(patient)}|${sha256}`)
    .digest('hex')
}

export interface AnchoredDuplicate {
  recordId: number
  version: number
  cid: string
}

/**
 * An anchored version of this patient's records, at any hospital, with this fingerprint. The
 * versions whose manifest this node has not read yet are read first (from the repo or the swarm),
 * and their fingerprints kept in the record index. Key rotations re-encrypt a file already
 * anchored, so their fingerprint is expected to repeat and they are never the duplicate.
 */
export async function findAnchoredDuplicate(
  parts: { db: Database; ipfs: IpfsService; log: Logger },
  patient: string,
  fingerprint: string,
): Promise<AnchoredDuplicate | undefined> {
  await readFingerprints(parts, getAddress(patient))
  return parts.db
    .prepare(
      `SELECT record_id AS recordId, version, cid FROM records
       WHERE patient = ? AND content_fingerprint = ? AND key_rotation = 0
       ORDER BY record_id, version LIMIT 1`,
    )
    .get(getAddress(patient), fingerprint) as AnchoredDuplicate | undefined
}

/**
 * Keeps what the duplicate check needs from a version's manifest (its fingerprint, and whether it
 * is a key rotation), so the manifest is not fetched again.
 */
export function saveFingerprint(
  db: Database,
  cid: string,
  manifest: Pick<Manifest, 'fingerprint' | 'keyRotation'>,
): void {
  db.prepare(
    `UPDATE records SET content_fingerprint = ?, fingerprint_read = 1,
       key_rotation = max(key_rotation, ?) WHERE cid = ?`,
  ).run(manifest.fingerprint ?? null, manifest.keyRotation ? 1 : 0, cid)
}

async function readFingerprints(
  { db, ipfs, log }: { db: Database; ipfs: IpfsService; log: Logger },
  patient: string,
): Promise<void> {
  const unread = db
    .prepare('SELECT cid FROM records WHERE patient = ? AND fingerprint_read = 0')
    .all(patient) as { cid: string }[]
  let next = 0
  const worker = async () => {
    while (next < unread.length) {
      const { cid } = unread[next++]!
      try {
        const manifest = decodeManifest(
          await ipfs.getBlock(CID.parse(cid), { timeoutMs: MANIFEST_WAIT_MS }),
        )
        saveFingerprint(db, cid, manifest)
      } catch (error) {
        // Unreachable or unreadable: this check goes without it rather than blocking the upload.
        log.warn('a manifest could not be read for the duplicate check', {
          cid,
          error: String(error),
        })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(MANIFEST_FETCHES, unread.length) }, worker))
}

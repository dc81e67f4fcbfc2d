/**
 * Upload (DESIGN.md section 5): check the uploader and the patient before any work, encrypt the
 * file in authenticated segments with a fresh key while adding it to IPFS, seal the metadata,
 * wrap the key for every reader, add the manifest, anchor its CID through the outbox, index it.
 * Each step is recorded in `uploads`, so a crash is resumed or rolled back at the next start.
 */
import { randomUUID } from 'node:crypto'
import { open } from 'node:fs/promises'
import { getAddress } from 'ethers'
import { CID } from 'multiformats/cid'
import { splitCid } from '../chain/registry-artifact.ts'
import { hashWorker } from '../crypto/crypto-worker.ts'
import { leafCid } from '../ipfs/leaf-importer.ts'
import { sealIntoBlocks } from '../crypto/sealed-blocks.ts'
import { encryptBytes, generateKey } from '../crypto/segmented-cipher.ts'
import {
  DuplicateRecordError,
  EmptyFileError,
  NotActiveStaffError,
  NotRegisteredPatientError,
} from '../errors.ts'
import { memberView } from '../identity/members.ts'
import { callRegistry, receiptView, sessionSigner } from '../identity/registry-calls.ts'
import type { HospitalNode } from '../node.ts'
import { wrapKey } from '../vault/encryption-key.ts'
import {
  MANIFEST_FORMAT,
  contentAad,
  encodeManifest,
  metadataAad,
  type Manifest,
} from './manifest.ts'
import { recordReaders, type Reader } from './readers.ts'
import { retireRekeyedVersion } from './rekeyed-version.ts'
import { contentFingerprint, findAnchoredDuplicate, saveFingerprint } from './fingerprint.ts'
import { findByContent, findVersion, latestVersion, saveDetails } from './record-index.ts'
import type { RecordDetails } from './schemas.ts'
import type { UploadResult } from './types.ts'

/**
 * Gas limits of anchoring, so no estimate is needed: the contract tests hold a new record to
 * 80,000 gas and a new version to 56,000, and a quarter more is left as headroom.
 */
const ANCHOR_GAS_LIMITS = { anchorRecord: 100_000n, anchorVersion: 70_000n }

export interface UploadInput {
  patient: string
  /** A new version of this record; absent for a new record. */
  recordId?: number
  /** The file's size in bytes, for progress. */
  size: number
  details: RecordDetails
}

export type UploadPhase = 'encrypting' | 'submitted' | 'mined'

/** An upload whose checks passed: the file can stream in. */
export interface PreparedUpload {
  id: string
  input: UploadInput & { patient: string }
  readers: Reader[]
  previous: string | null
  /**
   * A key rotation (access/rotation.ts): the previous version's file under a fresh key. Its copy
   * of the plaintext is expected, so the duplicate check is skipped, and the manifest says so.
   */
  keyRotation?: true
}

/** Everything that can refuse an upload, checked before a byte is read. */
export async function prepareUpload(
  node: HospitalNode,
  input: UploadInput,
): Promise<PreparedUpload> {
  const session = node.vault.requireSession()
  // An anchored record cannot be deleted: an empty file is refused before anything starts.
  if (input.size === 0) throw new EmptyFileError()
  const patient = getAddress(input.patient)
  const [uploader, patientMember] = await Promise.all([
    memberView(node, session.address),
    memberView(node, patient),
  ])
  if (uploader.kind !== 'staff' || uploader.status !== 'active') {
    throw new NotActiveStaffError(
      `${session.address} is not active staff and cannot upload records`,
    )
  }
  if (patientMember.kind !== 'patient') {
    throw new NotRegisteredPatientError(`${patient} is not a registered patient`)
  }
  let previous: string | null = null
  let restricted = false
  if (input.recordId !== undefined) {
    const [recordPatient, , , recordRestricted] = await node.chain.registry.getFunction(
      'getRecord',
    )(input.recordId)
    if (getAddress(recordPatient) !== patient) {
      throw new NotRegisteredPatientError(`Record ${input.recordId} does not belong to ${patient}`)
    }
    previous = latestVersion(node.db, input.recordId)?.cid ?? null
    restricted = Boolean(recordRestricted)
  }
  // A restricted record's new version is closed to grantees at the key, not only by the chain.
  const readers = recordReaders(
    node,
    patient,
    {
      address: session.address,
      publicKey: session.encryptionKey.publicKey,
      institution: uploader.institution,
    },
    { restricted },
  )
  return { id: randomUUID(), input: { ...input, patient }, readers, previous }
}

/** Streams the file in and anchors it; `onProgress` follows bytes, then the transaction. */
export async function runUpload(
  node: HospitalNode,
  prepared: PreparedUpload,
  source: AsyncIterable<Uint8Array>,
  onProgress: (phase: UploadPhase, loaded: number) => void = () => {},
): Promise<UploadResult> {
  const { id, input, readers, previous } = prepared
  const signer = sessionSigner(node)
  const setState = node.db.prepare(
    `UPDATE uploads SET state = ?, content_cid = coalesce(?, content_cid), manifest_cid = coalesce(?, manifest_cid),
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
  )
  node.db
    .prepare(
      `INSERT INTO uploads (id, state, patient, record_id, metadata) VALUES (?, 'adding', ?, ?, ?)`,
    )
    .run(id, input.patient, input.recordId ?? null, JSON.stringify(input.details))

  const key = generateKey()
  // The plaintext's SHA-256 runs on the worker thread, beside the encryption.
  const hash = hashWorker.stream()
  let size = 0
  const counted = async function* () {
    for await (const chunk of source) {
      await hash.update(chunk)
      size += chunk.length
      onProgress('encrypting', size)
      yield chunk
    }
  }
  // Wrapping the key for each reader (elliptic-curve work, tens of milliseconds) needs only the
  // key: it runs between the file's chunks instead of after them.
  const wrappedKeys = wrapForReaders(readers, key)
  wrappedKeys.catch(() => {})
  let contentSize = 0
  // An upload that fails or is cancelled half-way has no root to walk: its leaves are deleted
  // one by one.
  const leaves: CID[] = []
  const blocks = async function* () {
    for await (const block of sealIntoBlocks(counted(), key, { aad: contentAad(input.patient) })) {
      contentSize += block.bytes.length
      leaves.push(leafCid(Uint8Array.from(block.digest)))
      yield block
    }
  }
  const content = await node.ipfs.addBlocks(blocks()).catch(async (error: unknown) => {
    hash.drop()
    await rollBack(node, id, leaves)
    throw error
  })
  setState.run('adding', content.toString(), null, id)
  const sha256 = (await hash.digest()).toString('hex')
  if (size === 0) {
    await rollBack(node, id, [content])
    throw new EmptyFileError()
  }

  const fingerprint = contentFingerprint(node.fingerprintKey, input.patient, sha256)
  const duplicate = prepared.keyRotation
    ? undefined
    : (findByContent(node.db, input.patient, sha256) ??
      (await findAnchoredDuplicate(node, input.patient, fingerprint)))
  if (duplicate) {
    await rollBack(node, id, [content])
    throw new DuplicateRecordError(
      `This file is already anchored as record ${duplicate.recordId}, version ${duplicate.version} (${duplicate.cid})`,
    )
  }

  const sealed = { ...input.details, size, sha256 }
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    patient: input.patient,
    content: content.toString(),
    contentSize,
    previous,
    metadata: Buffer.from(
      await encryptBytes(
        new TextEncoder().encode(JSON.stringify(sealed)),
        key,
        metadataAad(input.patient, content.toString()),
      ),
    ).toString('base64'),
    keys: await wrappedKeys,
    ...(prepared.keyRotation ? { keyRotation: true as const } : {}),
    fingerprint,
  }
  const manifestCid = await node.ipfs.putBlock(encodeManifest(manifest))
  node.db.prepare(`UPDATE uploads SET metadata = ? WHERE id = ?`).run(JSON.stringify(sealed), id)
  setState.run('anchoring', null, manifestCid.toString(), id)

  onProgress('submitted', size)
  const method = input.recordId === undefined ? 'anchorRecord' : 'anchorVersion'
  const sent = await callRegistry(
    node,
    signer,
    method,
    input.recordId === undefined
      ? [input.patient, ...splitCid(manifestCid.bytes)]
      : [input.recordId, ...splitCid(manifestCid.bytes)],
    { intent: `upload:${id}`, gasLimit: ANCHOR_GAS_LIMITS[method] },
  ).catch(async (error: unknown) => {
    await rollBack(node, id, [manifestCid, content])
    throw error
  })
  const result = finishUpload(node, id, manifestCid.toString(), sealed)
  saveFingerprint(node.db, manifestCid.toString(), manifest)
  onProgress('mined', size)
  return {
    ...result,
    receipt: receiptView(node, sent, result.version === 1 ? 'record anchored' : 'version anchored'),
  }
}

/** The manifest's key entries, one reader per turn of the event loop. */
async function wrapForReaders(readers: Reader[], key: Uint8Array): Promise<Manifest['keys']> {
  const keys: Manifest['keys'] = []
  for (const reader of readers) {
    await new Promise((resolve) => setImmediate(resolve))
    keys.push({
      reader: reader.address,
      role: reader.role,
      wrappedKey: Buffer.from(wrapKey(reader.publicKey, key)).toString('base64'),
    })
  }
  return keys
}

/** Records the uploaded version's clear metadata in the index and closes the upload. */
function finishUpload(
  node: HospitalNode,
  id: string,
  manifestCid: string,
  sealed: RecordDetails & { size: number; sha256: string },
) {
  const version = findVersion(node.db, manifestCid)!
  saveDetails(node.db, manifestCid, sealed)
  node.db
    .prepare(
      `UPDATE uploads SET state = 'done', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
    )
    .run(id)
  return { recordId: version.recordId, version: version.version, cid: manifestCid }
}

/** Closes an upload that will not be anchored, and deletes the blocks it added at once. */
async function rollBack(node: HospitalNode, id: string, cids: CID[]): Promise<void> {
  for (const cid of cids) await node.ipfs.discard(cid)
  node.db
    .prepare(
      `UPDATE uploads SET state = 'rolled-back', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
    )
    .run(id)
}

/**
 * At start, after the outbox is reconciled: an upload whose anchor transaction was signed is
 * finished (its record is on chain or will be), any other unfinished upload is rolled back.
 */
export async function recoverUploads(
  node: HospitalNode,
): Promise<{ finished: number; rolledBack: number }> {
  const open = node.db
    .prepare(
      `SELECT id, content_cid, manifest_cid, metadata FROM uploads WHERE state IN ('adding', 'anchoring')`,
    )
    .all() as {
    id: string
    content_cid: string | null
    manifest_cid: string | null
    metadata: string
  }[]
  let finished = 0
  let rolledBack = 0
  for (const upload of open) {
    const entry = node.chain.outbox.findByIntent(`upload:${upload.id}`)
    const cids = [upload.manifest_cid, upload.content_cid]
      .filter((c) => c !== null)
      .map((c) => CID.parse(c))
    if (entry && entry.status !== 'reverted' && entry.status !== 'dropped' && upload.manifest_cid) {
      await node.chain.outbox.waitFor(entry.txHash)
      await node.chain.indexer.sync()
      const sealed = JSON.parse(upload.metadata) as RecordDetails & { size: number; sha256: string }
      finishUpload(node, upload.id, upload.manifest_cid, sealed)
      await retireRekeyedVersion(node, upload.manifest_cid)
      finished++
    } else {
      await rollBack(node, upload.id, cids)
      rolledBack++
    }
  }
  return { finished, rolledBack }
}

/** Chunks of a file being uploaded: the segment size, so no chunk is split or joined. */
const READ_SIZE = 1024 * 1024
/** Buffers the chunks are read into in turn. */
const READ_BUFFERS = 4

/**
 * Reads a file for `runUpload` in 1 MiB chunks, into four buffers in turn rather than a new one
 * per chunk: an upload of 1 GiB would otherwise allocate 1 GiB to the garbage collector, which
 * then runs full collections of the node's heap (Ganache's included) every few dozen MiB. The
 * next chunk is read while the pipeline works on this one, so a read never waits behind the
 * block writes in libuv's thread pool. A chunk stays valid until two more have been taken; the
 * pipeline looks at most one chunk ahead.
 */
export async function* readFileForUpload(
  path: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  const file = await open(path, 'r')
  const buffers = Array.from({ length: READ_BUFFERS }, () => Buffer.allocUnsafeSlow(READ_SIZE))
  const read = async (index: number) => {
    const buffer = buffers[index % READ_BUFFERS]!
    const { bytesRead } = await file.read(buffer, 0, READ_SIZE, null)
    return buffer.subarray(0, bytesRead)
  }
  let next = read(0)
  try {
    for (let index = 1; ; index++) {
      const chunk = await next
      if (chunk.length === 0) return
      next = read(index)
      yield chunk
    }
  } finally {
    // A read still in flight must end before the file closes.
    await next.catch(() => {})
    await file.close()
  }
}

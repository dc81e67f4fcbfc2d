/**
 * Read (DESIGN.md section 1, flow 3): look the CID up on chain, fetch the manifest and content
 * from IPFS (locally or from a peer, within a time limit), verify the manifest block against the
 * anchored CID and every content segment against its tag, unwrap the key, decrypt. Nothing is
 * returned or written in clear before the whole record verified.
 */
import { createHash } from 'node:crypto'
import { open as openFile, rename, rm } from 'node:fs/promises'
import { getAddress, type Result } from 'ethers'
import { CID } from 'multiformats/cid'
import { sha256 as sha256Hasher } from 'multiformats/hashes/sha2'
import { decryptStream } from '../crypto/segmented-cipher.ts'
import { bundleCidsFor, keyFromBundles, unwrapOrNull } from '../access/key-bundle.ts'
import { patientOfKey } from '../identity/patient-keys.ts'
import { accessStatusName, checkReadAccess } from '../access/enforcement.ts'
import { decideOffline, offlineReadDetail, type OfflineCheck } from '../access/offline-access.ts'
import type { AccessStatusName, ReadPurpose } from '../access/schemas.ts'
import { appendRead, type ReadLogEntry } from '../audit/read-log.ts'
import {
  AccessDeniedError,
  ChainUnreachableError,
  EmrError,
  type AccessDenialReason,
  KeyUnwrapError,
  NoRecordKeyError,
  NotAnchoredError,
  TamperedContentError,
  VersionRekeyedError,
} from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { unwrapKey, type EncryptionKey } from '../vault/encryption-key.ts'
import { contentAad, decodeManifest, unsealMetadata, type Manifest } from './manifest.ts'
import { findVersion, markKeyRotation, saveDetails } from './record-index.ts'
import type { RecordDetails } from './schemas.ts'
import type { IntegrityReport, OpenedRecord } from './types.ts'

/** How long a fetch may wait for the next block from the swarm. */
const FETCH_TIMEOUT_MS = 30_000

export interface AnchoredVersion {
  recordId: number
  version: number
  uploader: string
  patient: string
}

/** The chain's answer for a CID: which record, version, uploader and patient it anchors. */
export async function lookupAnchor(node: HospitalNode, cid: CID): Promise<AnchoredVersion> {
  return anchoredVersion(cid, await node.chain.registry.getFunction('lookupCid')(cid.bytes))
}

/** `lookupAnchor`, and the chain's access decision for `reader` on that record, in one call. */
async function lookupAnchorFor(
  node: HospitalNode,
  cid: CID,
  reader: string,
): Promise<{ anchor: AnchoredVersion; status: AccessStatusName }> {
  const answer = await node.chain.registry.getFunction('lookupCidFor')(cid.bytes, reader)
  return { anchor: anchoredVersion(cid, answer), status: accessStatusName(answer[4]) }
}

/** The first four values of either call's answer, a record id of 0 meaning not anchored. */
function anchoredVersion(cid: CID, answer: Result): AnchoredVersion {
  const [recordId, version, uploader, patient] = answer.toArray() as [
    bigint,
    bigint,
    string,
    string,
  ]
  if (Number(recordId) === 0) throw new NotAnchoredError(`No record on chain has the CID ${cid}`)
  return {
    recordId: Number(recordId),
    version: Number(version),
    uploader: getAddress(uploader),
    patient: getAddress(patient),
  }
}

/** Checks the manifest block hashes to the anchored CID and names the chain's patient. */
export function verifyManifest(bytes: Uint8Array, cid: CID, anchor: AnchoredVersion): Manifest {
  const digest = createHash('sha256').update(bytes).digest()
  if (cid.multihash.code !== sha256Hasher.code || !digest.equals(cid.multihash.digest)) {
    throw new TamperedContentError(`The manifest block of ${cid} does not match its anchored hash`)
  }
  const manifest = decodeManifest(bytes)
  if (getAddress(manifest.patient) !== anchor.patient) {
    throw new TamperedContentError(`The manifest of ${cid} names another patient than the chain`)
  }
  return manifest
}

interface Unsealed {
  cid: CID
  anchor: AnchoredVersion
  manifest: Manifest
  key: Uint8Array
  metadata: RecordDetails & { size: number; sha256: string }
  reader: string
  purpose: ReadPurpose
  emergency: boolean
  /** Decided without the chain, on this node's index (access/offline-access.ts); null: by the chain. */
  offline: OfflineCheck | null
}

/** What a read is for: the read log's action, and the purpose the reader gave (if any). */
interface ReadAction {
  action: ReadLogEntry['action']
  purpose?: ReadPurpose
}

/**
 * `lookupAnchorFor`; while the chain cannot be reached, the same answer from this node's index
 * where that is safe (access/offline-access.ts), else the outage.
 */
async function lookUpOrDecideOffline(
  node: HospitalNode,
  cid: CID,
  reader: string,
): Promise<{ anchor: AnchoredVersion; status: AccessStatusName; offline: OfflineCheck | null }> {
  try {
    return { ...(await lookupAnchorFor(node, cid, reader)), offline: null }
  } catch (error) {
    if (!(error instanceof EmrError) || error.code !== ChainUnreachableError.code) throw error
    const { anchor, status, check } = decideOffline(node, cid.toString(), reader, error)
    return { anchor, status, offline: check }
  }
}

/** Where the chain anchors `cid`, and whether it lets `reader` read it; a refusal is logged. */
async function authorize(
  node: HospitalNode,
  cid: CID,
  reader: string,
  purpose: ReadPurpose | undefined,
): Promise<{
  anchor: AnchoredVersion
  status: AccessStatusName
  offline: OfflineCheck | null
  access: { emergency: boolean }
}> {
  const { anchor, status, offline } = await lookUpOrDecideOffline(node, cid, reader)
  try {
    return { anchor, status, offline, access: checkReadAccess(node, reader, anchor, status) }
  } catch (error) {
    if (error instanceof AccessDeniedError) {
      logRead(node, { cid, anchor, reader, action: 'denied', purpose }, error.code)
    }
    throw error
  }
}

/**
 * A key rotation is anchored by whoever relayed the patient's decision, often the very reader it
 * shuts out: it is the file of the version before, not theirs, so the right of an uploader to read
 * their own version does not cover it, and the chain's refusal stands (logged like any other).
 */
function refuseRelayedRotation(
  node: HospitalNode,
  read: { cid: CID; anchor: AnchoredVersion; reader: string; purpose: ReadPurpose | undefined },
  status: AccessDenialReason,
): never {
  const error = new AccessDeniedError(status, read.reader, read.anchor.recordId)
  logRead(node, { ...read, action: 'denied' }, error.code)
  throw error
}

/**
 * Everything up to the content: anchor, the chain's access decision, manifest, the reader's key
 * (from the manifest, or from a key bundle the chain points to), the sealed metadata. A refusal
 * is written to the read log before it is thrown.
 */
async function unseal(node: HospitalNode, cidText: string, action: ReadAction): Promise<Unsealed> {
  const session = node.vault.requireSession()
  const reader = session.address
  const cid = CID.parse(cidText)
  // Only for a CID the chain anchors, and lets this reader read, is the manifest fetched: a want
  // sent to the swarm runs until its time limit (cancelling one trips bitswap, see SingleFlight).
  const { anchor, status, offline, access } = await authorize(node, cid, reader, action.purpose)
  const rekeyedAs = findVersion(node.db, cid.toString())?.rekeyedAs
  if (rekeyedAs) {
    throw new VersionRekeyedError(
      `Record ${anchor.recordId} version ${anchor.version} was re-keyed as version ${rekeyedAs}, ` +
        'the same file under a new key; this node deleted the old copy: open version ' +
        `${rekeyedAs}`,
    )
  }
  const manifest = verifyManifest(
    await node.ipfs.getBlock(cid, { timeoutMs: FETCH_TIMEOUT_MS }),
    cid,
    anchor,
  )
  if (manifest.keyRotation && status !== 'allowed') {
    refuseRelayedRotation(node, { cid, anchor, reader, purpose: action.purpose }, status)
  }
  const key = await readerKey(node, { cid, anchor, manifest, reader, session })
  const metadata = (await unsealMetadata(manifest, key, cid.toString())) as Unsealed['metadata']
  if (manifest.keyRotation && manifest.previous) {
    markKeyRotation(node.db, cid.toString(), manifest.previous, false)
  }
  const purpose = action.purpose ?? defaultPurpose(reader, anchor, access.emergency)
  return {
    cid,
    anchor,
    manifest,
    key,
    metadata,
    reader,
    purpose,
    emergency: access.emergency,
    offline,
  }
}

function defaultPurpose(reader: string, anchor: AnchoredVersion, emergency: boolean): ReadPurpose {
  if (emergency) return 'emergency'
  return reader.toLowerCase() === anchor.patient.toLowerCase() ? 'patient-access' : 'treatment'
}

/** The reader's key of this version: wrapped in the manifest, or in a bundle given later. */
async function readerKey(
  node: HospitalNode,
  input: {
    cid: CID
    anchor: AnchoredVersion
    manifest: Manifest
    reader: string
    session: { encryptionKey: EncryptionKey }
  },
): Promise<Uint8Array> {
  const { cid, anchor, manifest, session } = input
  // A patient's re-issued key reads as the patient, whom manifests and bundles name; versions
  // older than the re-issue hold the patient's previous key, the re-issue's bundle the new one.
  const reader = patientOfKey(node, input.reader) ?? input.reader
  const reissued = reader.toLowerCase() !== input.reader.toLowerCase()
  const entry = manifest.keys.find((k) => k.reader.toLowerCase() === reader.toLowerCase())
  try {
    const fromEntry =
      entry &&
      (reissued
        ? unwrapOrNull(session.encryptionKey, entry.wrappedKey)
        : unwrapKey(session.encryptionKey.privateKey, Buffer.from(entry.wrappedKey, 'base64')))
    const key =
      fromEntry ||
      (await keyFromBundles(node, {
        manifestCid: cid.toString(),
        reader,
        bundleCids: bundleCidsFor(node, anchor.patient, reader),
        key: session.encryptionKey,
      }))
    if (key) return key
  } catch (error) {
    if (error instanceof EmrError && error.code !== KeyUnwrapError.code) throw error
    throw new TamperedContentError(`The key of ${cid} for ${reader} failed verification`)
  }
  throw new NoRecordKeyError(
    `Record ${anchor.recordId} version ${anchor.version} holds no key for ${reader} yet: ` +
      'in an emergency, the custodian institution releases the keys',
  )
}

/** Writes one read (or refusal) to the hash-chained read log. */
function logRead(
  node: HospitalNode,
  read: {
    cid: CID
    anchor: AnchoredVersion
    reader: string
    action: ReadLogEntry['action']
    purpose: ReadPurpose | undefined
    emergency?: boolean
  },
  detail: string | null = null,
): void {
  const emergency = read.emergency ?? false
  appendRead(node.db, {
    reader: read.reader,
    patient: read.anchor.patient,
    recordId: read.anchor.recordId,
    version: read.anchor.version,
    cid: read.cid.toString(),
    action: read.action,
    purpose: read.purpose ?? defaultPurpose(read.reader, read.anchor, emergency),
    emergency,
    detail,
  })
}

function logSuccess(node: HospitalNode, unsealed: Unsealed, action: ReadLogEntry['action']): void {
  const detail = unsealed.offline && offlineReadDetail(unsealed.offline)
  logRead(node, { ...unsealed, action, purpose: unsealed.purpose }, detail)
}

/** Decrypts the content, handing each verified segment to `sink`; checks size and SHA-256. */
async function decryptContent(
  node: HospitalNode,
  unsealed: Unsealed,
  sink: (chunk: Uint8Array) => Promise<void> | void,
) {
  const { manifest, key, metadata } = unsealed
  const hash = createHash('sha256')
  let size = 0
  let segments = 0
  const source = node.ipfs.cat(CID.parse(manifest.content), { timeoutMs: FETCH_TIMEOUT_MS })
  try {
    for await (const chunk of decryptStream(source, key, { aad: contentAad(manifest.patient) })) {
      hash.update(chunk)
      size += chunk.length
      segments++
      await sink(chunk)
    }
  } catch (error) {
    // A block that does not decode or hash as its CID says is damage too; only a fetch that
    // ran out of time or was cancelled is not.
    if (error instanceof EmrError || (error as Error).name === 'AbortError') throw error
    throw new TamperedContentError(`The content blocks of ${unsealed.cid} failed verification`)
  }
  const sha256 = hash.digest('hex')
  if (size !== metadata.size || sha256 !== metadata.sha256) {
    throw new TamperedContentError(
      `The content of ${unsealed.cid} does not match its sealed size and hash`,
    )
  }
  return { segments, sha256 }
}

function integrityReport(
  unsealed: Unsealed,
  checked: { segments: number; sha256: string },
): IntegrityReport {
  return {
    manifestCid: unsealed.cid.toString(),
    contentCid: unsealed.manifest.content,
    recordId: unsealed.anchor.recordId,
    version: unsealed.anchor.version,
    patient: unsealed.anchor.patient,
    uploader: unsealed.anchor.uploader,
    manifestVerified: true,
    segmentsVerified: checked.segments,
    sha256: checked.sha256,
  }
}

function details({ sha256: _, ...rest }: Unsealed['metadata']) {
  return rest
}

/** Opens a record version in memory, for the viewer; only returns once all of it verified. */
export async function openRecord(
  node: HospitalNode,
  cidText: string,
  purpose?: ReadPurpose,
): Promise<Omit<OpenedRecord, 'contentBase64'> & { content: Uint8Array }> {
  const unsealed = await unseal(node, cidText, { action: 'open', purpose })
  const chunks: Uint8Array[] = []
  const checked = await decryptContent(node, unsealed, (chunk) => void chunks.push(chunk))
  saveDetails(node.db, unsealed.cid.toString(), unsealed.metadata)
  logSuccess(node, unsealed, 'open')
  return {
    details: details(unsealed.metadata),
    integrity: integrityReport(unsealed, checked),
    offline: unsealed.offline,
    // A record of one segment is its one chunk: no copy.
    content: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
  }
}

/** Checks a record end to end (anchor, manifest, key, every segment, size and hash), keeping nothing. */
export async function verifyRecord(node: HospitalNode, cidText: string): Promise<IntegrityReport> {
  const unsealed = await unseal(node, cidText, { action: 'verify' })
  const report = integrityReport(unsealed, await decryptContent(node, unsealed, () => {}))
  logSuccess(node, unsealed, 'verify')
  return report
}

/**
 * Saves a decrypted copy to `path`, streaming through a temporary file that is renamed only
 * after the whole record verified: a damaged record leaves nothing at `path`.
 */
export async function saveRecord(
  node: HospitalNode,
  cidText: string,
  path: string,
  purpose?: ReadPurpose,
): Promise<IntegrityReport> {
  const unsealed = await unseal(node, cidText, { action: 'save', purpose })
  const partial = `${path}.partial`
  const file = await openFile(partial, 'wx', 0o600)
  try {
    const checked = await decryptContent(node, unsealed, async (chunk) => {
      await file.write(chunk)
    })
    await file.close()
    await rename(partial, path)
    saveDetails(node.db, unsealed.cid.toString(), unsealed.metadata)
    logSuccess(node, unsealed, 'save')
    return integrityReport(unsealed, checked)
  } catch (error) {
    await file.close().catch(() => {})
    await rm(partial, { force: true })
    throw error
  }
}

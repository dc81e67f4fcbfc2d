/**
 * Key rotation: a record's current version encrypted again under a fresh key and anchored as the
 * record's next version, its key wrapped only for those who may read the record now; then this
 * node deletes the old version's content blocks. It closes at the key what a restriction or a
 * revocation closes at the node: a reader who kept an old key or bundle cannot decrypt the
 * current version, nor any version added later. It cannot take back a copy they decrypted, nor
 * the old ciphertext they hold or can still fetch from another node's copy (see
 * docs/architecture.md, section 5).
 *
 * The patient's key opens the old version (every manifest wraps the key for the patient), so a
 * rotation runs wherever the patient acts: signed in, or consenting at a staff workstation. The
 * signed-in account anchors it: the patient, or the staff member relaying the consent.
 */
import { randomUUID } from 'node:crypto'
import { getAddress } from 'ethers'
import { CID } from 'multiformats/cid'
import { decryptStream } from '../crypto/segmented-cipher.ts'
import { InvalidInputError, KeyUnwrapError, NoRecordKeyError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { contentAad, unsealMetadata, type Manifest } from '../records/manifest.ts'
import { verifyManifest } from '../records/open.ts'
import {
  publishedKeyOf,
  recordReaders,
  type GranteeChoice,
  type Reader,
} from '../records/readers.ts'
import { listRecords } from '../records/record-index.ts'
import { retireRekeyedVersion } from '../records/rekeyed-version.ts'
import type { RecordDetails } from '../records/schemas.ts'
import type { RecordVersionView, RecordView } from '../records/types.ts'
import { runUpload } from '../records/upload.ts'
import type { EncryptionKey } from '../vault/encryption-key.ts'
import { reissueBundleCids } from '../identity/patient-keys.ts'
import { keyFromBundles, keyHolders, unwrapOrNull } from './key-bundle.ts'
import { needsRotation, restrictedRecords } from './key-coverage.ts'
import type { RotatedRecord } from './types.ts'

/** How long a fetch may wait for the next block from the swarm. */
const FETCH_TIMEOUT_MS = 30_000

/** A record's current version, with who holds its key now and who may read the record now. */
interface RotationPlan {
  record: RecordView
  current: RecordVersionView
  manifest: Manifest
  holders: Set<string>
  readers: Reader[]
}

/** Everything a rotation of `recordId` needs to know, read before anything changes. */
async function planRotation(
  node: HospitalNode,
  record: RecordView,
  grantees: GranteeChoice,
): Promise<RotationPlan> {
  const current = record.versions[0]!
  const creator = record.versions.at(-1)!.uploader
  const [, custodian] = await node.chain.registry.getFunction('getRecord')(record.recordId)
  const manifest = verifyManifest(
    await node.ipfs.getBlock(CID.parse(current.cid), { timeoutMs: FETCH_TIMEOUT_MS }),
    CID.parse(current.cid),
    current,
  )
  const holders = await keyHolders(node, record.patient, current.cid)
  // The record's creator and custodian always read it (the registry says so), whoever anchors.
  const readers = recordReaders(
    node,
    record.patient,
    {
      address: creator,
      publicKey: publishedKeyOf(node, creator),
      institution: Number(custodian) || null,
    },
    grantees,
  )
  return { record, current, manifest, holders, readers }
}

/**
 * The patient's key of the plan's current version: their manifest entry, or, for a version older
 * than the re-issue of their key, the re-issue's bundle (identity/patient-keys.ts).
 */
async function patientVersionKey(
  node: HospitalNode,
  { record, current }: RotationPlan,
  wrappedKey: string,
  patientKey: EncryptionKey,
): Promise<Uint8Array> {
  const key =
    unwrapOrNull(patientKey, wrappedKey) ??
    (await keyFromBundles(node, {
      manifestCid: current.cid,
      reader: record.patient,
      bundleCids: reissueBundleCids(node, record.patient),
      key: patientKey,
    }))
  if (!key) throw new KeyUnwrapError()
  return key
}

/**
 * Encrypts the plan's current version again under a fresh key for `plan.readers` only, anchors
 * it as a key rotation, and deletes the old version's content blocks from this node.
 */
async function rotate(
  node: HospitalNode,
  plan: RotationPlan,
  patientKey: EncryptionKey,
): Promise<RotatedRecord> {
  const { record, current, manifest } = plan
  const entry = manifest.keys.find(
    (k) => k.role === 'patient' && getAddress(k.reader) === getAddress(record.patient),
  )
  if (!entry) {
    throw new NoRecordKeyError(
      `Record ${record.recordId} version ${current.version} holds no key for its patient`,
    )
  }
  const key = await patientVersionKey(node, plan, entry.wrappedKey, patientKey)
  try {
    const { size, sha256: _, ...details } = await unsealMetadata(manifest, key, current.cid)
    const content = node.ipfs.cat(CID.parse(manifest.content), { timeoutMs: FETCH_TIMEOUT_MS })
    const plaintext = decryptStream(content, key, { aad: contentAad(manifest.patient) })
    const anchored = await runUpload(
      node,
      {
        id: randomUUID(),
        input: {
          patient: getAddress(record.patient),
          recordId: record.recordId,
          size,
          details: details as RecordDetails,
        },
        readers: plan.readers,
        previous: current.cid,
        keyRotation: true,
      },
      plaintext,
    )
    await retireRekeyedVersion(node, anchored.cid)
    return {
      recordId: record.recordId,
      rekeyed: current.version,
      version: anchored.version,
      cid: anchored.cid,
    }
  } finally {
    key.fill(0)
  }
}

function recordOf(node: HospitalNode, patient: string, recordId: number): RecordView {
  const record = listRecords(node.db, patient).find((r) => r.recordId === recordId)
  if (!record) throw new InvalidInputError(`Record ${recordId} is not one of ${patient}'s records`)
  return record
}

/**
 * Re-keys `recordId` for a restriction, before the chain restricts it: its new key goes to no
 * grantee. Nothing happens (null) when no one outside the remaining readers holds its key.
 */
export async function rotateForRestriction(
  node: HospitalNode,
  input: { patient: string; recordId: number; patientKey: EncryptionKey },
): Promise<RotatedRecord | null> {
  const record = recordOf(node, input.patient, input.recordId)
  const plan = await planRotation(node, record, { restricted: true })
  const readers = plan.readers.map((r) => r.address)
  if (!needsRotation({ holders: plan.holders, readers })) return null
  return rotate(node, plan, input.patientKey)
}

/**
 * Re-keys every record whose current version `reader` holds a key for, and would no longer read
 * once their grant is revoked (the creator and the custodian keep reading, so theirs are left).
 * Runs before the revocation, so a failure leaves the grant as it was and can be tried again.
 */
export async function rotateForRevocation(
  node: HospitalNode,
  input: { patient: string; reader: string; patientKey: EncryptionKey },
): Promise<RotatedRecord[]> {
  const restricted = restrictedRecords(node, input.patient)
  const rotated: RotatedRecord[] = []
  for (const record of listRecords(node.db, input.patient)) {
    const plan = await planRotation(node, record, {
      restricted: restricted.has(record.recordId),
      except: input.reader,
    })
    const readers = plan.readers.map((r) => r.address)
    if (!needsRotation({ holders: plan.holders, readers, closing: input.reader })) continue
    rotated.push(await rotate(node, plan, input.patientKey))
  }
  return rotated
}

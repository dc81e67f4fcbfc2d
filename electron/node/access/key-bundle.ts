/**
 * Key bundles: the record keys one holder (the patient, or the custodian in an emergency) already
 * has, re-wrapped for one reader and published as one raw block on IPFS. The chain event that
 * gives access (AccessGranted, EmergencyKeysReleased) carries the bundle's CID, so giving access
 * costs the same gas for 1 record or 1,000. A bundle holds only wrapped keys: publishing it
 * discloses which versions exist (as the chain does) and nothing readable.
 */
import { getAddress } from 'ethers'
import { CID } from 'multiformats/cid'
import { z } from 'zod'
import { InvalidInputError, KeyUnwrapError, TamperedContentError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { decodeManifest, type Manifest, type ReaderRole } from '../records/manifest.ts'
import { reissueBundleCids } from '../identity/patient-keys.ts'
import { publishedKeyOf } from '../records/readers.ts'
import { listRecords } from '../records/record-index.ts'
import { unwrapKey, wrapKey, type EncryptionKey } from '../vault/encryption-key.ts'

export const KEY_BUNDLE_FORMAT = 'emr-key-bundle/1'

const FETCH_TIMEOUT_MS = 30_000

const keyBundleSchema = z
  .object({
    format: z.literal(KEY_BUNDLE_FORMAT),
    patient: z.string(),
    reader: z.string(),
    keys: z.array(z.object({ manifest: z.string(), wrappedKey: z.base64() }).strict()),
  })
  .strict()
export type KeyBundle = z.output<typeof keyBundleSchema>

/** Who re-wraps: the account whose entries in the manifests are used, and under which role. */
export interface KeyHolder {
  address: string
  roles: readonly ReaderRole[]
  encryptionKey: EncryptionKey
  /**
   * Bundles that handed the holder keys of versions whose manifests do not name it (the
   * emergency releaser receives the custodian's keys of versions older than itself this way).
   */
  bundleCids?: readonly CID[]
}

/**
 * Re-wraps every key `holder` holds among `patient`'s record versions for `reader` and publishes
 * the bundle; returns its CID (null when there is nothing to share yet) and how many keys it has.
 * `versions` narrows the versions (a grant leaves restricted records out, see key-coverage.ts;
 * an emergency release, what the chain refuses the reader); by default, all of the patient's.
 * `readerKey` is the reader's encryption key when the chain does not publish it yet (a
 * patient's re-issued key, published by the call the bundle is for).
 */
export async function publishKeyBundle(
  node: HospitalNode,
  input: {
    patient: string
    reader: string
    holder: KeyHolder
    versions?: readonly { cid: string }[]
    readerKey?: string
  },
): Promise<{ cid: CID | null; keys: number }> {
  const readerKey = input.readerKey ?? publishedKeyOf(node, input.reader)
  if (!readerKey) {
    throw new InvalidInputError(
      `${input.reader} is not registered on the network: it has published no encryption key`,
    )
  }
  const keys: KeyBundle['keys'] = []
  const versions = input.versions ?? listRecords(node.db, input.patient).flatMap((r) => r.versions)
  for (const version of versions) {
    const manifest = decodeManifest(
      await node.ipfs.getBlock(CID.parse(version.cid), { timeoutMs: FETCH_TIMEOUT_MS }),
    )
    const key = await holderKey(node, manifest, version.cid, withReissueBundles(node, input))
    if (!key) continue
    keys.push({
      manifest: version.cid,
      wrappedKey: Buffer.from(wrapKey(readerKey, key)).toString('base64'),
    })
    key.fill(0)
  }
  if (keys.length === 0) return { cid: null, keys: 0 }
  const bundle: KeyBundle = {
    format: KEY_BUNDLE_FORMAT,
    patient: getAddress(input.patient),
    reader: getAddress(input.reader),
    keys,
  }
  const cid = await node.ipfs.putBlock(new TextEncoder().encode(JSON.stringify(bundle)))
  return { cid, keys: keys.length }
}

/**
 * The patient as holder, with the bundles their key re-issues published: a version older than
 * the re-issue names the patient in its manifest under their previous encryption key.
 */
function withReissueBundles(
  node: HospitalNode,
  input: { patient: string; holder: KeyHolder },
): KeyHolder {
  const { holder } = input
  if (holder.address.toLowerCase() !== input.patient.toLowerCase()) return holder
  const reissued = reissueBundleCids(node, input.patient)
  if (reissued.length === 0) return holder
  return { ...holder, bundleCids: [...(holder.bundleCids ?? []), ...reissued] }
}

/**
 * The holder's key of one version: its manifest entry under one of its roles, else its bundles
 * (also when the entry is wrapped for an encryption key the holder no longer has).
 */
async function holderKey(
  node: HospitalNode,
  manifest: Manifest,
  manifestCid: string,
  holder: KeyHolder,
): Promise<Uint8Array | null> {
  const address = holder.address.toLowerCase()
  const entry = manifest.keys.find(
    (k) => k.reader.toLowerCase() === address && holder.roles.includes(k.role),
  )
  if (entry) {
    const key = unwrapOrNull(holder.encryptionKey, entry.wrappedKey)
    if (key) return key
  }
  if (!holder.bundleCids?.length) return null
  return keyFromBundles(node, {
    manifestCid,
    reader: holder.address,
    bundleCids: holder.bundleCids,
    key: holder.encryptionKey,
  })
}

/** The bundle CID an event carries (hex bytes); null when empty or not a CID. */
export function keyBundleCidOf(bytesHex: string): CID | null {
  try {
    return bytesHex === '0x' ? null : CID.decode(Buffer.from(bytesHex.slice(2), 'hex'))
  } catch {
    return null
  }
}

/**
 * The bundles the chain points `reader` to for `patient`'s records, newest first: their grants',
 * the custodian's emergency releases, and for the patient, the custodians' keys re-wrapped when
 * their key was re-issued. The chain decided access already; these only carry keys.
 */
export function bundleCidsFor(node: HospitalNode, patient: string, reader: string): CID[] {
  const same = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase()
  const { indexer } = node.chain
  return [
    ...indexer.events('AccessGranted').filter(({ args }) => same(args.reader, reader)),
    ...indexer.events('EmergencyKeysReleased').filter(({ args }) => same(args.staff, reader)),
    ...indexer.events('PatientKeyReissued').filter(({ args }) => same(args.patient, reader)),
  ]
    .filter(({ args }) => same(args.patient, patient))
    .sort((a, b) => b.blockNumber - a.blockNumber || b.logIndex - a.logIndex)
    .map(({ args }) => keyBundleCidOf(args.keyBundleCid!))
    .filter((cid) => cid !== null)
}

/** Bundles already read, by CID: they never change, and a reader opens many records. */
const bundleCache = new WeakMap<HospitalNode, Map<string, KeyBundle>>()

async function fetchKeyBundle(node: HospitalNode, cid: CID): Promise<KeyBundle> {
  const cache = bundleCache.get(node) ?? new Map<string, KeyBundle>()
  bundleCache.set(node, cache)
  const cached = cache.get(cid.toString())
  if (cached) return cached
  const bytes = await node.ipfs.getBlock(cid, { timeoutMs: FETCH_TIMEOUT_MS })
  let bundle: KeyBundle
  try {
    bundle = keyBundleSchema.parse(JSON.parse(new TextDecoder().decode(bytes)))
  } catch {
    throw new TamperedContentError(`The key bundle ${cid} is not a valid EMR key bundle`)
  }
  cache.set(cid.toString(), bundle)
  return bundle
}

/**
 * The key of `manifestCid` for `reader` from the bundles the chain points to, newest first:
 * `bundleCids` come from the reader's AccessGranted and EmergencyKeysReleased events.
 */
export async function keyFromBundles(
  node: HospitalNode,
  input: { manifestCid: string; reader: string; bundleCids: readonly CID[]; key: EncryptionKey },
): Promise<Uint8Array | null> {
  for (const cid of input.bundleCids) {
    const bundle = await fetchKeyBundle(node, cid)
    if (bundle.reader.toLowerCase() !== input.reader.toLowerCase()) continue
    const entry = bundle.keys.find((k) => k.manifest === input.manifestCid)
    if (!entry) continue
    try {
      return unwrapKey(input.key.privateKey, base64Bytes(entry.wrappedKey))
    } catch (error) {
      if (error instanceof KeyUnwrapError) continue
      throw error
    }
  }
  return null
}

/** The key wrapped in `wrappedKey` (base64), or null when it is wrapped for another key. */
export function unwrapOrNull(key: EncryptionKey, wrappedKey: string): Uint8Array | null {
  try {
    return unwrapKey(key.privateKey, base64Bytes(wrappedKey))
  } catch (error) {
    if (error instanceof KeyUnwrapError) return null
    throw error
  }
}

function base64Bytes(text: string): Uint8Array {
  return Buffer.from(text, 'base64')
}

/**
 * Everyone who holds `manifestCid`'s key, for `patient`'s record: the readers its manifest wraps
 * it for, and those the chain points to a bundle holding it: grantees (revoked ones too, since
 * their bundles do not go away) and emergency readers.
 */
export async function keyHolders(
  node: HospitalNode,
  patient: string,
  manifestCid: string,
): Promise<Set<string>> {
  const manifest = decodeManifest(
    await node.ipfs.getBlock(CID.parse(manifestCid), { timeoutMs: FETCH_TIMEOUT_MS }),
  )
  const holders = new Set(manifest.keys.map((k) => getAddress(k.reader)))
  const { indexer } = node.chain
  const events = [...indexer.events('AccessGranted'), ...indexer.events('EmergencyKeysReleased')]
  for (const { args } of events) {
    if (args.patient?.toLowerCase() !== patient.toLowerCase()) continue
    const cid = keyBundleCidOf(args.keyBundleCid!)
    if (!cid) continue
    const bundle = await fetchKeyBundle(node, cid)
    if (bundle.keys.some((k) => k.manifest === manifestCid)) holders.add(getAddress(bundle.reader))
  }
  return holders
}

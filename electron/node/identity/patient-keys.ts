/**
 * Which key speaks for a patient, from the indexed registry events. A patient who lost their
 * keystore gets a new key at a desk (patient-key-reissue.ts): the patient's address stays the
 * identity that records, grants and manifests name, the re-issued key signs for them, and its
 * encryption key is the one new record keys are wrapped to (readers.ts `publishedKeyOf`).
 */
import { getAddress } from 'ethers'
import type { CID } from 'multiformats/cid'
import { keyBundleCidOf } from '../access/key-bundle.ts'
import type { IndexedEvent } from '../chain/indexer.ts'
import type { HospitalNode } from '../node.ts'

const same = (a: string | undefined, b: string) => a?.toLowerCase() === b.toLowerCase()

/** The patient's `PatientKeyReissued` events, oldest first. */
function reissuesOf(node: HospitalNode, patient: string): IndexedEvent[] {
  return node.chain.indexer
    .events('PatientKeyReissued')
    .filter(({ args }) => same(args.patient, patient))
}

/** The key that signs for `patient` now: the last one re-issued to them, else their own. */
export function currentKeyOf(node: HospitalNode, patient: string): string {
  const last = reissuesOf(node, patient).at(-1)
  return getAddress(last?.args.newKey ?? patient)
}

/**
 * The patient `key` signs for: the key itself for a patient whose key was never re-issued, the
 * patient for their current re-issued key; null for anything else (a replaced key included).
 */
export function patientOfKey(node: HospitalNode, key: string): string | null {
  const { indexer } = node.chain
  const issued = indexer.events('PatientKeyReissued').findLast(({ args }) => same(args.newKey, key))
  if (issued) {
    const patient = issued.args.patient!
    return same(currentKeyOf(node, patient), key) ? getAddress(patient) : null
  }
  const registered = indexer.events('PatientRegistered').some(({ args }) => same(args.patient, key))
  return registered && reissuesOf(node, key).length === 0 ? getAddress(key) : null
}

/**
 * The key bundles re-issues published for `patient`, newest first: the custodians' keys of the
 * patient's older versions, wrapped for a re-issued encryption key (bundle reader: the patient).
 */
export function reissueBundleCids(node: HospitalNode, patient: string): CID[] {
  return reissuesOf(node, patient)
    .reverse()
    .map(({ args }) => keyBundleCidOf(args.keyBundleCid!))
    .filter((cid) => cid !== null)
}

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { getAddress } from 'ethers'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import type { IndexedEvent } from '../../electron/node/chain/indexer.ts'
import {
  currentKeyOf,
  patientOfKey,
  reissueBundleCids,
} from '../../electron/node/identity/patient-keys.ts'
import type { HospitalNode } from '../../electron/node/node.ts'

const patient = getAddress('0x00000000000000000000000000000000000000aa')
const firstKey = getAddress('0x00000000000000000000000000000000000000b1')
const secondKey = getAddress('0x00000000000000000000000000000000000000b2')
const thirdKey = getAddress('0x00000000000000000000000000000000000000b3')
const otherPatient = getAddress('0x00000000000000000000000000000000000000cc')
const otherKey = getAddress('0x00000000000000000000000000000000000000d1')

async function bundleCid(label: string): Promise<CID> {
  return CID.create(1, 0x55, await sha256.digest(new TextEncoder().encode(label)))
}

const hex = (cid: CID | null) => (cid ? `0x${Buffer.from(cid.bytes).toString('hex')}` : '0x')

function registered(address: string): Omit<IndexedEvent, 'blockNumber' | 'logIndex' | 'txHash'> {
  return { name: 'PatientRegistered', args: { patient: address } }
}

function reissued(
  of: string,
  key: string,
  bundle: CID | null,
): Omit<IndexedEvent, 'blockNumber' | 'logIndex' | 'txHash'> {
  return {
    name: 'PatientKeyReissued',
    args: { patient: of, newKey: key, keyBundleCid: hex(bundle) },
  }
}

/** A node whose indexer replays `events` in the order given, as blocks would. */
function nodeWith(events: Omit<IndexedEvent, 'blockNumber' | 'logIndex' | 'txHash'>[]) {
  const indexed = events.map((event, i) => ({
    ...event,
    blockNumber: i + 1,
    logIndex: 0,
    txHash: '0x',
  }))
  const indexer = { events: (name?: string) => indexed.filter((e) => !name || e.name === name) }
  return { chain: { indexer } } as unknown as HospitalNode
}

describe('patient keys', () => {
  test('a patient whose key was never re-issued is their own key', () => {
    const node = nodeWith([registered(patient), registered(otherPatient)])
    assert.equal(currentKeyOf(node, patient), patient)
    assert.equal(patientOfKey(node, patient), patient)
    assert.equal(patientOfKey(node, patient.toLowerCase()), patient)
    assert.equal(patientOfKey(node, firstKey), null)
    assert.deepEqual(reissueBundleCids(node, patient), [])
  })

  test('after a re-issue the new key speaks for the patient, the old one for nobody', async () => {
    const bundle = await bundleCid('first')
    const node = nodeWith([registered(patient), reissued(patient, firstKey, bundle)])
    assert.equal(currentKeyOf(node, patient), firstKey)
    assert.equal(patientOfKey(node, firstKey.toLowerCase()), patient)
    assert.equal(patientOfKey(node, patient), null)
    assert.deepEqual(reissueBundleCids(node, patient).map(String), [bundle.toString()])
  })

  test('a second re-issue retires the first key; bundles come newest first, empty ones left out', async () => {
    const first = await bundleCid('first')
    const second = await bundleCid('second')
    const node = nodeWith([
      registered(patient),
      registered(otherPatient),
      reissued(patient, firstKey, first),
      reissued(otherPatient, otherKey, null),
      reissued(patient, secondKey, second),
      reissued(patient, thirdKey, null),
    ])
    assert.equal(currentKeyOf(node, patient), thirdKey)
    assert.equal(patientOfKey(node, firstKey), null)
    assert.equal(patientOfKey(node, secondKey), null)
    assert.deepEqual(reissueBundleCids(node, patient).map(String), [
      second.toString(),
      first.toString(),
    ])
    assert.equal(currentKeyOf(node, otherPatient), otherKey)
  })
})

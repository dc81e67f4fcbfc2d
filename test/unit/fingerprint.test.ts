import assert from 'node:assert/strict'
import { test } from 'node:test'
import { contentFingerprint, fingerprintKey } from '../../electron/node/records/fingerprint.ts'

const swarmKey = new Uint8Array(32).fill(7)
const patient = '0x8ac62bd9b4b68921a01e211a32bece3ce0637aad'
const sha = 'a'.repeat(64)

test('the same file for the same patient has one fingerprint at every node of the consortium', () => {
  const atA = contentFingerprint(fingerprintKey(swarmKey), patient, sha)
  const atB = contentFingerprint(
    fingerprintKey(Uint8Array.from(swarmKey)),
    patient.toUpperCase().replace('0X', '0x'),
    sha,
  )
  assert.equal(atA, atB)
  assert.match(atA, /^[0-9a-f]{64}$/)
})

test('another patient, another file or another consortium gives another fingerprint', () => {
  const key = fingerprintKey(swarmKey)
  const base = contentFingerprint(key, patient, sha)
  assert.notEqual(contentFingerprint(key, '0x' + '1'.repeat(40), sha), base)
  assert.notEqual(contentFingerprint(key, patient, 'b'.repeat(64)), base)
  assert.notEqual(
    contentFingerprint(fingerprintKey(new Uint8Array(32).fill(8)), patient, sha),
    base,
  )
  // Without the consortium's key, the file's hash alone does not give the fingerprint.
  assert.notEqual(base, sha)
})

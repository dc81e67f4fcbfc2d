import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  grantableVersions,
  needsRotation,
  restrictedRecordIds,
} from '../../electron/node/access/key-coverage.ts'

const patient = '0x00000000000000000000000000000000000000aa'
const other = '0x00000000000000000000000000000000000000bb'

const restriction = (recordId: number, restricted: boolean, who = patient) => ({
  name: 'RecordRestrictionChanged',
  args: { recordId: String(recordId), patient: who, restricted: String(restricted) },
})

/** A record with `versions` versions, newest first, as the record index lists them. */
function record(recordId: number, versions: number) {
  return {
    recordId,
    versions: Array.from({ length: versions }, (_, i) => ({
      version: versions - i,
      cid: `cid-${recordId}-${versions - i}`,
    })),
  }
}

describe('restrictedRecordIds', () => {
  test('replays restrictions in order: the last change of a record wins', () => {
    const events = [
      restriction(1, true),
      restriction(2, true),
      restriction(1, false),
      restriction(3, true),
      restriction(3, false),
      restriction(3, true),
    ]
    assert.deepEqual([...restrictedRecordIds(events, patient)].sort(), [2, 3])
  })

  test("ignores other patients' restrictions and other events, whatever the address case", () => {
    const events = [
      restriction(1, true, other),
      { name: 'AccessGranted', args: { patient, reader: other } },
      restriction(4, true, patient.toUpperCase().replace('0X', '0x')),
    ]
    assert.deepEqual([...restrictedRecordIds(events, patient)], [4])
  })
})

describe('grantableVersions: what a grantee key bundle covers', () => {
  const records = [record(1, 2), record(2, 1), record(3, 3)]

  test('every version of every record when nothing is restricted', () => {
    assert.deepEqual(
      grantableVersions(records, new Set()).map((v) => v.cid),
      ['cid-1-2', 'cid-1-1', 'cid-2-1', 'cid-3-3', 'cid-3-2', 'cid-3-1'],
    )
  })

  test('no version at all of a restricted record, old versions included', () => {
    assert.deepEqual(
      grantableVersions(records, new Set([1, 3])).map((v) => v.cid),
      ['cid-2-1'],
    )
  })

  test('nothing when every record is restricted', () => {
    assert.deepEqual(grantableVersions(records, new Set([1, 2, 3])), [])
  })
})

describe('needsRotation', () => {
  const readers = ['0xA', '0xB']

  test('not when every key holder may still read', () => {
    assert.equal(needsRotation({ holders: ['0xa', '0xB'], readers }), false)
  })

  test('when anyone outside the readers holds the key', () => {
    assert.equal(needsRotation({ holders: ['0xa', '0xC'], readers }), true)
  })

  test('for a revocation, only when the revoked reader holds the key', () => {
    assert.equal(needsRotation({ holders: ['0xa', '0xC'], readers, closing: '0xD' }), false)
    assert.equal(needsRotation({ holders: ['0xa', '0xd'], readers, closing: '0xD' }), true)
  })

  test('not for a revoked reader who reads on anyway (the creator, the custodian)', () => {
    assert.equal(needsRotation({ holders: ['0xa'], readers, closing: '0xA' }), false)
  })
})

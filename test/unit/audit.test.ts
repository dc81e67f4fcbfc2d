import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AuditEntry } from '../../electron/node/access/types.ts'
import { auditCsv, auditFhirBundle } from '../../electron/node/audit/export.ts'
import {
  appendRead,
  entryHash,
  genesisHash,
  readEntries,
  readLogHead,
  type NewReadLogEntry,
} from '../../electron/node/audit/read-log.ts'
import { openDatabase } from '../../electron/node/db/database.ts'

const nurse = {
  address: '0x1111111111111111111111111111111111111111',
  name: 'Chen',
  institution: 1,
}
const patient = {
  address: '0x2222222222222222222222222222222222222222',
  name: null,
  institution: null,
}

function entry(fields: Partial<AuditEntry>): AuditEntry {
  return {
    id: 'read:1',
    at: '2026-11-26T01:00:00.000Z',
    action: 'record-read',
    actor: nurse,
    patient,
    subject: null,
    recordId: 3,
    version: 2,
    purpose: 'treatment',
    detail: 'open',
    source: 'read-log',
    txHash: null,
    ...fields,
  }
}

describe('audit CSV', () => {
  it('has one header row and one row per entry, CRLF-terminated', () => {
    const csv = auditCsv([entry({}), entry({ id: 'read:2' })])
    const lines = csv.split('\r\n')
    assert.equal(lines.length, 4)
    assert.equal(lines[3], '')
    assert.match(lines[0]!, /^time,action,actor_address,actor_name,patient_address/)
    assert.equal(
      lines[1],
      `2026-11-26T01:00:00.000Z,record-read,${nurse.address},Chen,${patient.address},,,,3,2,treatment,open,read-log,`,
    )
  })

  it('quotes separators and quotes, and defuses cells a spreadsheet would run as formulas', () => {
    const csv = auditCsv([
      entry({ actor: { ...nurse, name: '=HYPERLINK("http://x","Dr, Evil")' }, detail: '-2+3' }),
    ])
    const row = csv.split('\r\n')[1]!
    assert.ok(row.includes(`,"'=HYPERLINK(""http://x"",""Dr, Evil"")",`), row)
    assert.ok(row.includes(",'-2+3,"), row)
  })
})

describe('audit FHIR bundle', () => {
  it('is a collection Bundle of R4 AuditEvents with who, what, why and the outcome', () => {
    const bundle = JSON.parse(
      auditFhirBundle(
        [
          entry({ action: 'read-denied', detail: 'ERR_ACCESS_REVOKED' }),
          entry({ id: 'chain:9:0', action: 'emergency-declared', purpose: 'life-threatening' }),
        ],
        'EMR Node test',
      ),
    )
    assert.equal(bundle.resourceType, 'Bundle')
    assert.equal(bundle.type, 'collection')
    const [denied, emergency] = bundle.entry.map((e: { resource: unknown }) => e.resource)
    assert.equal(denied.resourceType, 'AuditEvent')
    assert.equal(denied.action, 'R')
    assert.equal(denied.outcome, '4')
    assert.equal(denied.outcomeDesc, 'ERR_ACCESS_REVOKED')
    assert.equal(denied.agent[0].who.identifier.value, `urn:ethereum:${nurse.address}`)
    assert.equal(denied.agent[0].requestor, true)
    assert.deepEqual(
      denied.entity.map(
        (e: { what: { identifier: { value: string } } }) => e.what.identifier.value,
      ),
      [`urn:ethereum:${patient.address}`, '3/2'],
    )
    assert.equal(emergency.id, 'chain-9-0')
    assert.equal(emergency.type.code, '110113')
    assert.equal(emergency.purposeOfEvent[0].coding[0].code, 'ETREAT')
    assert.equal(emergency.source.observer.display, 'EMR Node test')
  })
})

describe('read log hash chain', () => {
  const read: NewReadLogEntry = {
    reader: nurse.address,
    patient: patient.address,
    recordId: 3,
    version: 2,
    cid: 'bafkreiexample',
    action: 'open',
    purpose: 'treatment',
    emergency: false,
    detail: null,
  }

  it('chains each entry to the one before, from a genesis hash of this log', () => {
    const db = openDatabase(':memory:')
    const genesis = genesisHash(db)
    assert.deepEqual(readLogHead(db), { entries: 0, head: genesis })
    const first = appendRead(db, read)
    const second = appendRead(db, { ...read, action: 'denied', detail: 'ERR_ACCESS_REVOKED' })
    assert.deepEqual([first.seq, second.seq], [1, 2])
    assert.equal(first.hash, entryHash(genesis, first))
    assert.equal(second.hash, entryHash(first.hash, second))
    assert.deepEqual(readLogHead(db), { entries: 2, head: second.hash })
    assert.deepEqual(readEntries(db), [first, second])
  })

  it('gives every field a say in the hash, and two logs different genesis hashes', () => {
    const db = openDatabase(':memory:')
    const stored = appendRead(db, read)
    for (const change of [
      { purpose: 'legal' as const },
      { emergency: true },
      { reader: patient.address },
      { at: '2026-11-26T02:00:00.000Z' },
    ]) {
      assert.notEqual(entryHash(genesisHash(db), { ...stored, ...change }), stored.hash)
    }
    assert.notEqual(genesisHash(openDatabase(':memory:')), genesisHash(db))
  })
})

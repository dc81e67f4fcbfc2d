import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import {
  checkFileContent,
  checkFhir,
  isBlocking,
  sameName,
} from '../../renderer/src/features/records/upload/fileChecks.ts'

const fixture = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url))
const dicom = 'application/dicom'
const fhir = 'application/fhir+json'
const whole = (bytes: Uint8Array, mime: string) => ({ size: bytes.length, mime, bytes })
const text = (value: string) => new TextEncoder().encode(value)

test('an empty file is a blocker, whatever its type', () => {
  for (const mime of [dicom, fhir, 'application/pdf']) {
    const warnings = checkFileContent(whole(new Uint8Array(), mime), 'Wang Xiao-Ming')
    assert.deepEqual(warnings, [{ kind: 'empty' }])
    assert.ok(isBlocking(warnings[0]!))
  }
})

test('FHIR JSON must parse and name its resourceType', () => {
  assert.deepEqual(checkFhir('{"resourceType": "Observation", "status": "final"}'), [])
  assert.deepEqual(checkFhir('{"resourceType": "Observation",'), [{ kind: 'fhir-not-json' }])
  assert.deepEqual(checkFhir('not json at all'), [{ kind: 'fhir-not-json' }])
  for (const body of [
    '{"status": "final"}',
    '[{"resourceType": "Patient"}]',
    '"Patient"',
    '{"resourceType": ""}',
    'null',
  ]) {
    assert.deepEqual(checkFhir(body), [{ kind: 'fhir-no-resource-type' }], body)
  }
  const warning = checkFileContent(whole(text('{"id": 1}'), fhir), undefined)[0]!
  assert.equal(isBlocking(warning), false, 'the uploader may confirm it')
})

test('a truncated DICOM file is named damaged', async () => {
  const [warning, ...rest] = checkFileContent(
    whole(await fixture('rtplan_truncated.dcm'), dicom),
    undefined,
  )
  assert.equal(rest.length, 0)
  assert.equal(warning?.kind, 'dicom-damaged')
  assert.equal(isBlocking(warning!), false)
})

test("a DICOM naming another patient than the chart's is named, with both names", async () => {
  const ct = await fixture('CT_small.dcm') // PatientName CompressedSamples^CT1
  assert.deepEqual(checkFileContent(whole(ct, dicom), 'CompressedSamples CT1'), [])
  assert.deepEqual(checkFileContent(whole(ct, dicom), 'Wang Xiao-Ming'), [
    {
      kind: 'dicom-other-patient',
      nameInFile: 'CompressedSamples CT1',
      chartName: 'Wang Xiao-Ming',
    },
  ])
  // A chart whose name this node does not know is not compared.
  assert.deepEqual(checkFileContent(whole(ct, dicom), undefined), [])
})

test('the start of a large DICOM file is enough for its patient name', async () => {
  const ct = await fixture('CT_small.dcm')
  const start = { size: 512 * 1024 * 1024, mime: dicom, bytes: ct.subarray(0, 7000) }
  assert.deepEqual(checkFileContent(start, 'CompressedSamples CT1'), [])
  assert.equal(checkFileContent(start, 'Someone Else')[0]?.kind, 'dicom-other-patient')
})

test('names match in any word order, across DICOM separators and component groups', () => {
  const same: [string, string][] = [
    ['Doe^John', 'John Doe'],
    ['DOE^JOHN^^^', 'john doe'],
    ['王^小明', '王小明'],
    ['Wang^Xiao-Ming', 'Wang Xiao Ming'],
    ['Yamada^Tarou=山田^太郎=やまだ^たろう', '山田太郎'],
  ]
  for (const [inFile, chart] of same) assert.ok(sameName(inFile, chart), `${inFile} ~ ${chart}`)
  const different: [string, string][] = [
    ['Doe^Jane', 'John Doe'],
    ['王^小華', '王小明'],
    ['Doe', 'John Doe'],
  ]
  for (const [inFile, chart] of different)
    assert.ok(!sameName(inFile, chart), `${inFile} ≁ ${chart}`)
})

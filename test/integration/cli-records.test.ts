import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { RecordView } from '../../electron/node/records/types.ts'
import { runCli } from '../helpers/cli.ts'
import { PASS, startClinic } from '../helpers/clinic.ts'
import { tempDir } from '../helpers/temp.ts'

const ctPath = fileURLToPath(new URL('../fixtures/CT_small.dcm', import.meta.url))
const mrPath = fileURLToPath(new URL('../fixtures/MR_small.dcm', import.meta.url))

describe('records from the command line', async () => {
  const clinic = await startClinic()
  const { dataDir, nurse } = clinic
  const patient = clinic.patient.patient.address
  await clinic.stop()
  const cli = async <T>(args: string[]) => {
    const result = await runCli([...args, '--data-dir', dataDir, '--json'], {
      EMR_PASSPHRASE: PASS,
    })
    assert.equal(result.code, 0, result.stderr)
    return JSON.parse(result.stdout) as T
  }
  const details = ['--title', 'CT head', '--category', 'imaging', '--date', '2026-11-20']
  let cid: string

  test('record add streams a file in and prints the anchor', async () => {
    const added = await cli<{ recordId: number; version: number; cid: string }>([
      'record',
      'add',
      '--as',
      nurse,
      '--patient',
      patient,
      '--file',
      ctPath,
      ...details,
    ])
    assert.deepEqual([added.recordId, added.version], [1, 1])
    cid = added.cid
  })

  test('record version adds version 2; record list shows both', async () => {
    const version = await cli<{ version: number }>([
      'record',
      'version',
      '--as',
      nurse,
      '--patient',
      patient,
      '--record',
      '1',
      '--file',
      mrPath,
      ...details,
    ])
    assert.equal(version.version, 2)
    const [record] = await cli<RecordView[]>(['record', 'list', '--patient', patient])
    assert.deepEqual(
      record!.versions.map((v) => [v.version, v.details?.fileName]),
      [
        [2, 'MR_small.dcm'],
        [1, 'CT_small.dcm'],
      ],
    )
  })

  test('record get writes the verified plaintext; record verify checks every segment', async () => {
    const out = join(await tempDir(), 'ct.dcm')
    await cli(['record', 'get', cid, '--as', nurse, '--out', out])
    assert.ok((await readFile(out)).equals(await readFile(ctPath)))
    const report = await cli<{ segmentsVerified: number; manifestVerified: boolean }>([
      'record',
      'verify',
      cid,
      '--as',
      nurse,
    ])
    assert.deepEqual([report.manifestVerified, report.segmentsVerified], [true, 1])
  })

  test('record get of a CID that is not anchored fails and writes nothing', async () => {
    const out = join(await tempDir(), 'none.dcm')
    const result = await runCli(
      [
        'record',
        'get',
        'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
        '--as',
        nurse,
        '--out',
        out,
        '--data-dir',
        dataDir,
      ],
      { EMR_PASSPHRASE: PASS },
    )
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error ERR_NOT_ANCHORED: /m)
    await assert.rejects(readFile(out), { code: 'ENOENT' })
  })
})

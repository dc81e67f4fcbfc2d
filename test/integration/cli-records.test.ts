import assert from 'node:assert/strict'
import { readdir, readFile, writeFile } from 'node:fs/promises'
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
    const [record] = await cli<RecordView[]>([
      'record',
      'list',
      '--as',
      nurse,
      '--patient',
      patient,
    ])
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

  /** Runs the CLI as `--as` the nurse, typed in `callerDir` (npm passes it as INIT_CWD). */
  const cliIn = (callerDir: string | undefined, args: string[]) =>
    runCli([...args, '--as', nurse, '--data-dir', dataDir], {
      EMR_PASSPHRASE: PASS,
      ...(callerDir ? { INIT_CWD: callerDir } : {}),
    })

  test('record get refuses to overwrite an existing file unless --force', async () => {
    const out = join(await tempDir(), 'ct.dcm')
    await writeFile(out, 'a letter the user keeps')
    const refused = await cliIn(undefined, ['record', 'get', cid, '--out', out])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /^error ERR_FILE_EXISTS: .*--force/m)
    assert.equal(await readFile(out, 'utf8'), 'a letter the user keeps')

    const forced = await cliIn(undefined, ['record', 'get', cid, '--out', out, '--force'])
    assert.equal(forced.code, 0, forced.stderr)
    assert.ok((await readFile(out)).equals(await readFile(ctPath)))
  })

  test('record get to a folder gets a typed error and leaves the folder as it was', async () => {
    const folder = await tempDir()
    const result = await cliIn(undefined, ['record', 'get', cid, '--out', folder, '--force'])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error ERR_NOT_A_FILE: .* is a folder/m)
    assert.deepEqual(await readdir(folder), [])
  })

  test('record get into a folder that does not exist gets ERR_FILE_NOT_FOUND', async () => {
    const out = join(await tempDir(), 'missing', 'ct.dcm')
    const result = await cliIn(undefined, ['record', 'get', cid, '--out', out])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error ERR_FILE_NOT_FOUND: No such folder/m)
  })

  test('record add of a missing file gets ERR_FILE_NOT_FOUND, not ERR_INTERNAL', async () => {
    const missing = join(await tempDir(), 'nope.dcm')
    const result = await cliIn(undefined, [
      'record',
      'add',
      '--patient',
      patient,
      '--file',
      missing,
      ...details,
    ])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error ERR_FILE_NOT_FOUND: No such file: .*nope\.dcm/m)
  })

  test('relative paths are taken from the folder the command was typed in', async () => {
    // `npm run cli` runs in the project root; the caller's folder arrives as INIT_CWD.
    const callerDir = await tempDir()
    await writeFile(join(callerDir, 'note.txt'), 'Discharge note written in the caller folder')
    const added = await cliIn(callerDir, [
      'record',
      'add',
      '--patient',
      patient,
      '--file',
      'note.txt',
      ...details,
      '--json',
    ])
    assert.equal(added.code, 0, added.stderr)
    const { cid: addedCid } = JSON.parse(added.stdout) as { cid: string }

    const saved = await cliIn(callerDir, ['record', 'get', addedCid, '--out', 'saved.txt'])
    assert.equal(saved.code, 0, saved.stderr)
    assert.equal(
      await readFile(join(callerDir, 'saved.txt'), 'utf8'),
      'Discharge note written in the caller folder',
    )
  })

  test('record list shows a right-to-left override in a file name escaped', async () => {
    const folder = await tempDir()
    const disguised = join(folder, 'report\u202Efdp.exe')
    await writeFile(disguised, 'not really a PDF')
    const added = await cliIn(undefined, [
      'record',
      'add',
      '--patient',
      patient,
      '--file',
      disguised,
      ...details,
    ])
    assert.equal(added.code, 0, added.stderr)
    const list = await cliIn(undefined, ['record', 'list', '--patient', patient])
    assert.equal(list.code, 0, list.stderr)
    assert.match(list.stdout, /CT head \(report‹U\+202E›fdp\.exe\)/)
    assert.doesNotMatch(list.stdout, /\u202E/)
  })

  test('record entered-in-error marks one version; record list shows it on that line only', async () => {
    const marked = await cliIn(undefined, [
      'record',
      'entered-in-error',
      '--record',
      '1',
      '--version',
      '1',
      '--reason',
      'duplicate',
    ])
    assert.equal(marked.code, 0, marked.stderr)
    assert.match(
      marked.stdout,
      /version 1 marked entered in error \(duplicate\); it stays readable/,
    )
    const list = await cliIn(undefined, ['record', 'list', '--patient', patient])
    const lines = list.stdout.split('\n')
    assert.match(
      lines.find((line) => / 1 v1 /.test(line)) ?? '',
      /\[entered in error: duplicate\]$/,
    )
    assert.doesNotMatch(lines.find((line) => / 1 v2 /.test(line)) ?? '', /entered in error/)
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

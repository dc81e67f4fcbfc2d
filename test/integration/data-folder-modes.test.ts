/**
 * Everything a node writes in its data folder is its owner's alone (files 0600, folders 0700),
 * even when the process starts under the usual umask 022.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { chmod, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { dataPaths } from '../../electron/node/paths.ts'
import { startClinic, uploadFile } from '../helpers/clinic.ts'
import { startTestNode } from '../helpers/node.ts'

/** Every file and folder under `dir` readable, writable or searchable by group or others. */
async function sharedEntries(dir: string): Promise<string[]> {
  const shared: string[] = []
  const { mode } = await stat(dir)
  if ((mode & 0o077) !== 0) shared.push(`${dir} ${(mode & 0o777).toString(8)}`)
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue
    const path = join(entry.parentPath, entry.name)
    const entryMode = (await stat(path)).mode
    if ((entryMode & 0o077) !== 0) shared.push(`${path} ${(entryMode & 0o777).toString(8)}`)
  }
  return shared
}

describe(
  'the data folder is private to its owner',
  { skip: process.platform === 'win32' },
  async () => {
    process.umask(0o022)
    const clinic = await startClinic()
    const paths = dataPaths(clinic.dataDir)

    test('a node started under umask 022 creates nothing group- or other-readable', async () => {
      await uploadFile(clinic.call, {
        patient: clinic.patient.patient.address,
        bytes: randomBytes(300_000),
      })
      // While the node runs: the database's WAL and shared-memory files exist only now.
      const names = await readdir(clinic.dataDir)
      for (const expected of ['emr.sqlite', 'emr.sqlite-wal', 'ipfs', 'chain', 'keystore']) {
        assert.ok(names.includes(expected), `${expected} missing from ${names.join(', ')}`)
      }
      assert.ok((await readdir(join(paths.ipfs, 'blocks'))).length > 0)
      assert.deepEqual(await sharedEntries(clinic.dataDir), [])
      await clinic.stop()
      assert.deepEqual(await sharedEntries(clinic.dataDir), [])
    })

    test('the next start closes what an older version or a person left open', async () => {
      await chmod(clinic.dataDir, 0o755)
      await chmod(paths.database, 0o644)
      await writeFile(join(clinic.dataDir, 'copied-in.txt'), 'x', { mode: 0o644 })
      const again = await startTestNode({ dataDir: clinic.dataDir })
      await again.stop()
      assert.deepEqual(await sharedEntries(clinic.dataDir), [])
    })
  },
)

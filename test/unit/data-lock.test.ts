import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { lockDataFolder } from '../../electron/node/data-lock.ts'

const tempDir = () => mkdtempSync(join(tmpdir(), 'emr-lock-'))

test('a second lock on the same folder is refused until the first is released', () => {
  const dir = tempDir()
  const lock = lockDataFolder(dir)
  assert.throws(() => lockDataFolder(dir), {
    name: 'DataFolderLockedError',
    code: 'ERR_DATA_FOLDER_LOCKED',
  })
  lock.release()
  assert.equal(existsSync(join(dir, 'node.lock')), false)
  lockDataFolder(dir).release()
})

test('a lock held by another live process is refused, naming the process', () => {
  const dir = tempDir()
  writeFileSync(join(dir, 'node.lock'), String(process.ppid))
  assert.throws(
    () => lockDataFolder(dir),
    (error: Error) => error.message.includes(String(process.ppid)),
  )
})

test('a stale lock left by a process that exited is taken over', () => {
  const dir = tempDir()
  const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  })
  writeFileSync(join(dir, 'node.lock'), exited.stdout)
  const lock = lockDataFolder(dir)
  assert.equal(readFileSync(join(dir, 'node.lock'), 'utf8'), String(process.pid))
  lock.release()
})

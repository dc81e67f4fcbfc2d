import assert from 'node:assert/strict'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'node:test'
import {
  loadOrCreateRpcToken,
  readRpcToken,
  replaceRpcToken,
  rpcTokenMatches,
} from '../../electron/node/chain/rpc-token.ts'
import { tempDir } from '../helpers/temp.ts'

test('a hosting node creates its token once, 32 random bytes, private to it', async () => {
  const path = join(await tempDir(), 'rpc-token')
  assert.equal(await readRpcToken(path), null)
  const token = await loadOrCreateRpcToken(path)
  assert.match(token, /^[A-Za-z0-9_-]{43}$/)
  assert.equal(Buffer.from(token, 'base64url').length, 32)
  assert.equal((await stat(path)).mode & 0o777, 0o600)
  assert.equal(await loadOrCreateRpcToken(path), token)
  assert.notEqual(await loadOrCreateRpcToken(join(await tempDir(), 'rpc-token')), token)
})

test('a damaged token file is a settings error, not a silent new token', async () => {
  const path = join(await tempDir(), 'rpc-token')
  await writeFile(path, 'not a token')
  await assert.rejects(loadOrCreateRpcToken(path), { code: 'ERR_INVALID_SETTINGS' })
  assert.equal(await readFile(path, 'utf8'), 'not a token')
})

test('joining replaces the token, keeping the previous one; a site without one removes it', async () => {
  const path = join(await tempDir(), 'rpc-token')
  const first = await loadOrCreateRpcToken(path)
  const second = 'b'.repeat(43)
  await replaceRpcToken(path, second)
  assert.equal(await readRpcToken(path), second)
  assert.equal(await readFile(`${path}.previous`, 'utf8'), first)
  await replaceRpcToken(path, undefined)
  assert.equal(await readRpcToken(path), null)
})

test('the presented token must match whole', () => {
  const token = 'a'.repeat(43)
  assert.equal(rpcTokenMatches(token, token), true)
  for (const presented of ['', 'a', 'a'.repeat(42), `${token}a`, 'A'.repeat(43)]) {
    assert.equal(rpcTokenMatches(presented, token), false, presented)
  }
})

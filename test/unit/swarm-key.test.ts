import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { preSharedKey } from '@libp2p/pnet'
import { InvalidSwarmKeyError } from '../../electron/node/errors.ts'
import {
  generateSwarmKey,
  loadOrCreateSwarmKey,
  parseSwarmKey,
} from '../../electron/node/ipfs/swarm-key.ts'

const HEX = 'a1'.repeat(32)
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes)
const isInvalidSwarmKey = (error: unknown) => {
  assert.ok(error instanceof InvalidSwarmKeyError)
  assert.equal(error.name, 'InvalidSwarmKeyError')
  assert.equal(error.code, 'ERR_INVALID_SWARM_KEY')
  return true
}

describe('generateSwarmKey / parseSwarmKey', () => {
  it('round-trips a generated key in the go-ipfs format', () => {
    const text = generateSwarmKey()
    assert.match(text, /^\/key\/swarm\/psk\/1\.0\.0\/\n\/base16\/\n[0-9a-f]{64}\n$/)
    assert.equal(decode(parseSwarmKey(text)), text)
  })

  it('gives bytes that @libp2p/pnet accepts', () => {
    assert.doesNotThrow(() => preSharedKey({ psk: parseSwarmKey(generateSwarmKey()) })())
  })

  it('generates a different key each time', () => {
    assert.notEqual(generateSwarmKey(), generateSwarmKey())
  })

  it('accepts CRLF, a BOM, a missing final newline and upper-case hex, in canonical form', () => {
    const canonical = `/key/swarm/psk/1.0.0/\n/base16/\n${HEX}\n`
    for (const text of [
      `/key/swarm/psk/1.0.0/\r\n/base16/\r\n${HEX}\r\n`,
      `\uFEFF/key/swarm/psk/1.0.0/\n/base16/\n${HEX}\n`,
      `/key/swarm/psk/1.0.0/\n/base16/\n${HEX}`,
      `/key/swarm/psk/1.0.0/\n/base16/\n${HEX.toUpperCase()}\n`,
    ]) {
      assert.equal(decode(parseSwarmKey(text)), canonical)
    }
  })

  const hostile: Array<[string, string]> = [
    ['empty', ''],
    ['only a newline', '\n'],
    ['header only', '/key/swarm/psk/1.0.0/\n'],
    ['wrong header', `/key/swarm/psk/2.0.0/\n/base16/\n${HEX}\n`],
    ['header with trailing space', `/key/swarm/psk/1.0.0/ \n/base16/\n${HEX}\n`],
    ['base64 encoding', `/key/swarm/psk/1.0.0/\n/base64/\n${HEX}\n`],
    ['bin encoding', `/key/swarm/psk/1.0.0/\n/bin/\n${HEX}\n`],
    ['missing key line', '/key/swarm/psk/1.0.0/\n/base16/\n'],
    ['63 hex characters', `/key/swarm/psk/1.0.0/\n/base16/\n${HEX.slice(1)}\n`],
    ['65 hex characters', `/key/swarm/psk/1.0.0/\n/base16/\n${HEX}a\n`],
    ['non-hex characters', `/key/swarm/psk/1.0.0/\n/base16/\n${'zz'.repeat(32)}\n`],
    ['a space inside the key', `/key/swarm/psk/1.0.0/\n/base16/\n${HEX.slice(0, 63)} \n`],
    ['junk line after the key', `/key/swarm/psk/1.0.0/\n/base16/\n${HEX}\njunk\n`],
    ['blank lines after the key', `/key/swarm/psk/1.0.0/\n/base16/\n${HEX}\n\n\n`],
    ['lines swapped', `/base16/\n/key/swarm/psk/1.0.0/\n${HEX}\n`],
    ['bare hex', HEX],
  ]
  for (const [label, text] of hostile) {
    it(`rejects ${label} with InvalidSwarmKeyError`, () => {
      assert.throws(() => parseSwarmKey(text), isInvalidSwarmKey)
    })
  }

  it('never quotes the key line in its message', () => {
    const secret = 'b2'.repeat(31) + 'zz'
    assert.throws(
      () => parseSwarmKey(`/key/swarm/psk/1.0.0/\n/base16/\n${secret}\n`),
      (error: Error) => !error.message.includes(secret),
    )
  })
})

describe('loadOrCreateSwarmKey', () => {
  let dir: string
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'emr-swarm-key-'))
  })
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('creates a missing file with mode 0600, then loads the same key', async () => {
    const file = path.join(dir, 'nested', 'swarm.key')
    const first = await loadOrCreateSwarmKey(file)
    assert.equal(first.created, true)
    assert.equal(decode(first.key), await fs.readFile(file, 'utf8'))
    if (process.platform !== 'win32') assert.equal((await fs.stat(file)).mode & 0o777, 0o600)

    const second = await loadOrCreateSwarmKey(file)
    assert.equal(second.created, false)
    assert.deepEqual(second.key, first.key)
    assert.deepEqual(await fs.readdir(path.dirname(file)), ['swarm.key'])
  })

  it('keeps an existing valid file as it is', async () => {
    const file = path.join(dir, 'existing.key')
    const text = `/key/swarm/psk/1.0.0/\r\n/base16/\r\n${HEX.toUpperCase()}`
    await fs.writeFile(file, text)
    const loaded = await loadOrCreateSwarmKey(file)
    assert.equal(loaded.created, false)
    assert.equal(decode(loaded.key), `/key/swarm/psk/1.0.0/\n/base16/\n${HEX}\n`)
    assert.equal(await fs.readFile(file, 'utf8'), text)
  })

  it('never overwrites a corrupt file and names it in the error', async () => {
    const file = path.join(dir, 'corrupt.key')
    await fs.writeFile(file, 'not a swarm key')
    await assert.rejects(loadOrCreateSwarmKey(file), (error: Error) => {
      isInvalidSwarmKey(error)
      assert.ok(error.message.includes(file))
      return true
    })
    assert.equal(await fs.readFile(file, 'utf8'), 'not a swarm key')
  })

  it('never overwrites an empty file', async () => {
    const file = path.join(dir, 'empty.key')
    await fs.writeFile(file, '')
    await assert.rejects(loadOrCreateSwarmKey(file), isInvalidSwarmKey)
    assert.equal(await fs.readFile(file, 'utf8'), '')
  })

  it('creates exactly one key when called concurrently', async () => {
    const file = path.join(dir, 'race.key')
    const results = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateSwarmKey(file)))
    assert.equal(results.filter((result) => result.created).length, 1)
    for (const result of results) assert.deepEqual(result.key, results[0]?.key)
  })
})

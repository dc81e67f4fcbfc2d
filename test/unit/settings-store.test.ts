import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { createJsonSettingsStore } from '../../electron/node/settings/store.ts'

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'emr-settings-')), 'settings.json')

test('a missing file gives the defaults and is not created until an update', () => {
  const path = tempFile()
  const store = createJsonSettingsStore(path)
  assert.deepEqual(store.get().chain, { mode: 'embedded', rpcPort: 0, rpcHost: '127.0.0.1' })
  assert.equal(store.get().language, 'en')
  assert.throws(() => readFileSync(path), { code: 'ENOENT' })
})

test('an update persists and is read back by a new store', () => {
  const path = tempFile()
  createJsonSettingsStore(path).update({ language: 'zh-TW', ipfs: { listenPort: 4001, peers: [] } })
  const reread = createJsonSettingsStore(path).get()
  assert.equal(reread.language, 'zh-TW')
  assert.equal(reread.ipfs.listenPort, 4001)
})

const malformed: [string, string][] = [
  ['not JSON', '{ chain: '],
  ['an unknown chain mode', '{ "chain": { "mode": "cloud" } }'],
  [
    'an external chain without a URL',
    '{ "chain": { "mode": "external", "contractAddress": "0x' + '1'.repeat(40) + '" } }',
  ],
  [
    'a non-URL RPC',
    '{ "chain": { "mode": "external", "rpcUrl": "not a url", "contractAddress": "0x' +
      '1'.repeat(40) +
      '" } }',
  ],
  [
    'a short contract address',
    '{ "chain": { "mode": "external", "rpcUrl": "http://127.0.0.1:8545", "contractAddress": "0x1234" } }',
  ],
  [
    'a chain bind address that is a host name, not an IP address',
    '{ "chain": { "mode": "embedded", "rpcPort": 8545, "rpcHost": "localhost" } }',
  ],
  [
    'a public chain URL naming no machine',
    '{ "chain": { "mode": "embedded", "rpcPort": 8545, "rpcPublicUrl": "http://0.0.0.0:8545" } }',
  ],
  [
    'a public chain URL that is not http(s)',
    '{ "chain": { "mode": "embedded", "rpcPort": 8545, "rpcPublicUrl": "ws://10.0.0.5:8545" } }',
  ],
  ['a port out of range', '{ "ipfs": { "listenPort": 70000, "peers": [] } }'],
  ['a peer that is not a multiaddr', '{ "ipfs": { "listenPort": 0, "peers": ["10.0.0.1:4001"] } }'],
  ['an unknown language', '{ "language": "fr" }'],
]

for (const [what, text] of malformed) {
  test(`a settings file with ${what} is refused and left untouched`, () => {
    const path = tempFile()
    writeFileSync(path, text)
    assert.throws(() => createJsonSettingsStore(path), {
      name: 'InvalidSettingsError',
      code: 'ERR_INVALID_SETTINGS',
    })
    assert.equal(readFileSync(path, 'utf8'), text)
  })
}

test('an invalid update is refused and changes nothing', () => {
  const path = tempFile()
  const store = createJsonSettingsStore(path)
  store.update({ language: 'zh-TW' })
  const before = readFileSync(path, 'utf8')
  assert.throws(
    () => store.update({ chain: { mode: 'external', rpcUrl: 'ftp://x', contractAddress: '0x0' } }),
    {
      code: 'ERR_INVALID_SETTINGS',
    },
  )
  assert.throws(() => store.update({ bogus: true } as never), { code: 'ERR_INVALID_SETTINGS' })
  assert.equal(readFileSync(path, 'utf8'), before)
  assert.equal(store.get().language, 'zh-TW')
})

test('an update of one section keeps the others as stored', () => {
  const path = tempFile()
  const store = createJsonSettingsStore(path)
  const external = {
    mode: 'external' as const,
    rpcUrl: 'http://10.0.0.5:8545',
    contractAddress: `0x${'a'.repeat(40)}`,
  }
  store.update({ language: 'zh-TW', chain: external })
  const next = store.update({ ipfs: { listenPort: 4001, peers: [] } })
  assert.equal(next.language, 'zh-TW')
  assert.deepEqual(next.chain, external)
})

test('a served embedded chain binds loopback unless an IP address is chosen', () => {
  const store = createJsonSettingsStore(tempFile())
  assert.deepEqual(store.update({ chain: { mode: 'embedded', rpcPort: 8545 } }).chain, {
    mode: 'embedded',
    rpcPort: 8545,
    rpcHost: '127.0.0.1',
  })
  const opened = {
    mode: 'embedded' as const,
    rpcPort: 8545,
    rpcHost: '10.0.0.5',
    rpcPublicUrl: 'https://chain.hospital-a.example',
  }
  assert.deepEqual(store.update({ chain: opened }).chain, opened)
})

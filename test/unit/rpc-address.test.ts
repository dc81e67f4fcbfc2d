import assert from 'node:assert/strict'
import { test } from 'node:test'
import { exportableRpcUrl, servedRpcUrl, urlReach } from '../../electron/node/chain/rpc-address.ts'

test('the URL other nodes get is the public one when set, else the bound address', () => {
  assert.equal(servedRpcUrl({ host: '127.0.0.1', port: 8545 }), 'http://127.0.0.1:8545')
  assert.equal(servedRpcUrl({ host: '10.0.0.5', port: 8545 }), 'http://10.0.0.5:8545')
  assert.equal(servedRpcUrl({ host: 'fd00::5', port: 8545 }), 'http://[fd00::5]:8545')
  assert.equal(
    servedRpcUrl({ host: '0.0.0.0', port: 8545, publicUrl: 'https://chain.example' }),
    'https://chain.example',
  )
})

const reaches: [string, ReturnType<typeof urlReach>][] = [
  ['http://0.0.0.0:8545', 'unspecified'],
  ['http://[::]:8545', 'unspecified'],
  ['http://127.0.0.1:8545', 'loopback'],
  ['http://127.8.9.10:8545', 'loopback'],
  ['http://[::1]:8545', 'loopback'],
  ['http://LOCALHOST:8545', 'loopback'],
  ['http://10.0.0.5:8545', 'network'],
  ['http://[fd00::5]:8545', 'network'],
  ['https://chain.hospital-a.example', 'network'],
  ['https://127.example.org', 'network'],
]

for (const [url, reach] of reaches) {
  test(`${url} is reachable from: ${reach}`, () => {
    assert.equal(urlReach(url), reach)
  })
}

test('a site configuration carries a served URL that names a machine, loopback included', () => {
  assert.equal(exportableRpcUrl('http://127.0.0.1:8545'), 'http://127.0.0.1:8545')
  assert.equal(exportableRpcUrl('https://chain.example'), 'https://chain.example')
  for (const url of [null, 'http://0.0.0.0:8545', 'http://[::]:8545']) {
    assert.throws(() => exportableRpcUrl(url), { code: 'ERR_CHAIN_NOT_SERVED' }, String(url))
  }
})

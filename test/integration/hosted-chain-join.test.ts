import assert from 'node:assert/strict'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { rpcTokenPath } from '../../electron/node/chain/rpc-token.ts'
import type { SiteConfig } from '../../electron/node/identity/schemas.ts'
import type { SetupStatus } from '../../electron/node/identity/types.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import { PASS } from '../helpers/clinic.ts'
import { freePort } from '../helpers/net.ts'
import { startTestNode } from '../helpers/node.ts'

describe('a hospital joins the chain another hosts, from its site configuration', async () => {
  // Hospital A serves its embedded chain through the gateway, on loopback (the default address).
  const port = await freePort()
  const a = await startTestNode({ settings: { chain: { mode: 'embedded', rpcPort: port } } })
  await a.call('setup.createNetwork', {
    institutionName: 'Taipei General',
    governor: { label: 'Governor', passphrase: PASS },
    admin: {
      label: 'Admin',
      passphrase: PASS,
      name: 'Lin',
      nationalId: 'A123456789',
      licenceNumber: 'ADM-1',
    },
  })
  const tokenA = await readFile(rpcTokenPath(dataPaths(a.dataDir).chain), 'utf8')
  const config = await a.call<SiteConfig>('setup.exportSiteConfig')
  const b = await startTestNode()

  test("names the gateway's address and carries the consortium token", async () => {
    assert.equal(config.chain.rpcUrl, `http://127.0.0.1:${port}`)
    assert.equal(config.chain.rpcToken, tokenA)
    const status = await a.node.status()
    assert.deepEqual(status.chain.gateway, { host: '127.0.0.1', port })
  })

  test('the joined node follows the hosted chain after its restart, with the token', async () => {
    await b.call('setup.joinNetwork', { siteConfig: JSON.stringify(config) })
    const tokenFile = rpcTokenPath(dataPaths(b.dataDir).chain)
    assert.equal(await readFile(tokenFile, 'utf8'), tokenA)
    assert.equal((await stat(tokenFile)).mode & 0o777, 0o600)
    await b.stop()

    const joined = await startTestNode({ dataDir: b.dataDir })
    const status = await joined.node.status()
    assert.equal(status.chain.mode, 'external')
    assert.equal(status.chain.rpcUrl, config.chain.rpcUrl)
    assert.equal(status.chain.gateway, null)
    assert.equal(status.chain.contractAddress, config.chain.contractAddress)
    assert.equal(status.chain.chainId, 1337)
    const setup = await joined.call<SetupStatus>('setup.status')
    assert.equal(setup.institutions, 1)
    await joined.stop()
  })

  test("with another network's token the node does not start, and says why", async () => {
    await writeFile(rpcTokenPath(dataPaths(b.dataDir).chain), 'x'.repeat(43))
    await assert.rejects(startTestNode({ dataDir: b.dataDir }), {
      name: 'ChainUnauthorizedError',
      code: 'ERR_CHAIN_UNAUTHORIZED',
    })
  })
})

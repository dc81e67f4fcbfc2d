import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { rpcTokenPath } from '../../electron/node/chain/rpc-token.ts'
import type { EmrError } from '../../electron/node/errors.ts'
import { generateSwarmKey } from '../../electron/node/ipfs/swarm-key.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import { freePort } from '../helpers/net.ts'
import { startTestNode } from '../helpers/node.ts'
import { startServedChain } from '../helpers/served-chain.ts'
import { tempDir } from '../helpers/temp.ts'

/** What IT bakes into the installer, written where electron-builder would put it. */
async function bakeSiteConfig(config: unknown): Promise<string> {
  const file = join(await tempDir('emr-resources-'), 'site-config.json')
  await writeFile(file, JSON.stringify(config, null, 2))
  return file
}

describe("the installer's site configuration", () => {
  let chain: Awaited<ReturnType<typeof startServedChain>>
  let siteConfig: {
    format: string
    network: string
    chain: { rpcUrl: string; chainId: number; contractAddress: string; rpcToken: string }
    ipfs: { swarmKey: string; peers: string[] }
  }
  after(() => chain.close())
  before(async () => {
    chain = await startServedChain()
    // A consortium peer on loopback that is down: the node logs it and keeps re-dialling.
    const peerPort = await freePort()
    siteConfig = {
      format: 'emr-node-site/1',
      network: 'North Consortium',
      chain: {
        rpcUrl: chain.rpcUrl,
        chainId: chain.chainId,
        contractAddress: chain.contractAddress,
        // The consortium token of a hosted chain; this test chain takes any request.
        rpcToken: randomBytes(32).toString('base64url'),
      },
      ipfs: {
        swarmKey: generateSwarmKey(),
        peers: [
          `/ip4/127.0.0.1/tcp/${peerPort}/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp`,
        ],
      },
    }
  })

  test("is applied at the folder's first start: the node runs on the site's chain and swarm", async () => {
    const dataDir = await tempDir('emr-node-')
    const { node } = await startTestNode({
      dataDir,
      siteConfigFile: await bakeSiteConfig(siteConfig),
    })
    const status = await node.status()
    assert.equal(status.chain.mode, 'external')
    assert.equal(status.chain.rpcUrl, chain.rpcUrl)
    assert.equal(status.chain.chainId, chain.chainId)
    assert.equal(status.chain.contractAddress, chain.contractAddress)
    assert.equal(await readFile(dataPaths(dataDir).swarmKey, 'utf8'), siteConfig.ipfs.swarmKey)
    assert.equal(
      await readFile(rpcTokenPath(dataPaths(dataDir).chain), 'utf8'),
      siteConfig.chain.rpcToken,
    )
    const stored = JSON.parse(await readFile(dataPaths(dataDir).settings, 'utf8'))
    assert.deepEqual(stored.chain, {
      mode: 'external',
      rpcUrl: chain.rpcUrl,
      contractAddress: chain.contractAddress,
    })
    assert.deepEqual(stored.ipfs.peers, siteConfig.ipfs.peers)
  })

  test('that is invalid is refused, naming the file and the field, and nothing is written', async () => {
    const dataDir = await tempDir('emr-node-')
    const file = await bakeSiteConfig({
      ...siteConfig,
      chain: { ...siteConfig.chain, contractAddress: '0x1234' },
    })
    await assert.rejects(startTestNode({ dataDir, siteConfigFile: file }), (error: EmrError) => {
      assert.equal(error.name, 'InvalidSiteConfigError')
      assert.equal(error.code, 'ERR_INVALID_SITE_CONFIG')
      assert.deepEqual(error.details, { file, field: 'chain.contractAddress' })
      assert.ok(error.message.includes(file), error.message)
      return true
    })
    assert.deepEqual(await readdir(dataDir), [])
  })

  test('does not touch a folder that already holds a node', async () => {
    const dataDir = await tempDir('emr-node-')
    const first = await startTestNode({ dataDir })
    const embedded = await first.node.status()
    const swarmKey = await readFile(dataPaths(dataDir).swarmKey, 'utf8')
    await first.stop()

    const { node } = await startTestNode({
      dataDir,
      siteConfigFile: await bakeSiteConfig(siteConfig),
    })
    const status = await node.status()
    assert.equal(status.chain.mode, 'embedded')
    assert.equal(status.chain.contractAddress, embedded.chain.contractAddress)
    assert.equal(await readFile(dataPaths(dataDir).swarmKey, 'utf8'), swarmKey)
    assert.deepEqual(node.settings.get().ipfs.peers, [])
  })
})

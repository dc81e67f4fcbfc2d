/**
 * `setup.joinNetwork` asks the chain a site configuration names before it writes anything: the
 * chain id, and an EMR registry at the address. A served Ganache stands in for the consortium's
 * chain; the joining node is a fresh one, as the setup wizard's.
 */
import assert from 'node:assert/strict'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { ContractFactory } from 'ethers'
import type { SiteConfig } from '../../electron/node/identity/schemas.ts'
import { generateSwarmKey } from '../../electron/node/ipfs/swarm-key.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import type { Settings } from '../../electron/node/settings/schema.ts'
import { startTestNode } from '../helpers/node.ts'
import { startServedChain } from '../helpers/served-chain.ts'
import { tempDir } from '../helpers/temp.ts'

/** Init code of a contract whose whole runtime is STOP: code, but answering nothing. */
const NOT_A_REGISTRY = '0x6001600c60003960016000f300'

describe('joining checks the chain before writing anything', async () => {
  const chain = await startServedChain()
  after(() => chain.close())
  const other = await new ContractFactory([], NOT_A_REGISTRY, chain.governor).deploy()
  await other.waitForDeployment()
  const { call, node, dataDir } = await startTestNode()

  const config: SiteConfig = {
    format: 'emr-node-site/1',
    network: 'North consortium',
    chain: { rpcUrl: chain.rpcUrl, chainId: chain.chainId, contractAddress: chain.contractAddress },
    ipfs: { swarmKey: generateSwarmKey(), peers: [] },
  }
  const join = (change: (copy: SiteConfig) => void) => {
    const copy = structuredClone(config)
    change(copy)
    return call('setup.joinNetwork', { siteConfig: JSON.stringify(copy) }).then(
      () => 'ok',
      (error: { code?: string; details?: unknown }) => ({
        code: error.code,
        details: error.details,
      }),
    )
  }
  const settingsBefore: Settings = node.settings.get()
  const swarmKeyBefore = await readFile(dataPaths(dataDir).swarmKey, 'utf8')
  const nothingWritten = async () => {
    assert.deepEqual(node.settings.get(), settingsBefore)
    assert.equal(await readFile(dataPaths(dataDir).swarmKey, 'utf8'), swarmKeyBefore)
  }

  test('another chain id is refused, naming both', async () => {
    assert.deepEqual(
      await join((copy) => {
        copy.chain.chainId = 31337
      }),
      { code: 'ERR_CHAIN_ID_MISMATCH', details: { expected: 31337, actual: chain.chainId } },
    )
    await nothingWritten()
  })

  test('an address without code is refused', async () => {
    assert.deepEqual(
      await join((copy) => {
        copy.chain.contractAddress = chain.governor.address
      }),
      { code: 'ERR_CONTRACT_NOT_FOUND', details: { address: chain.governor.address } },
    )
    await nothingWritten()
  })

  test('a contract that is not the registry is refused', async () => {
    const address = await other.getAddress()
    assert.deepEqual(
      await join((copy) => {
        copy.chain.contractAddress = address
      }),
      { code: 'ERR_NOT_A_REGISTRY', details: { address } },
    )
    await nothingWritten()
  })

  test('an endpoint that does not answer is refused', async () => {
    const refused = await join((copy) => {
      copy.chain.rpcUrl = 'http://127.0.0.1:9'
    })
    assert.equal((refused as { code: string }).code, 'ERR_CHAIN_UNREACHABLE')
    await nothingWritten()
  })

  test('the right chain and registry are joined', async () => {
    assert.equal(await join(() => {}), 'ok')
    const joined = node.settings.get().chain
    assert.ok(joined.mode === 'external')
    assert.equal(joined.contractAddress, chain.contractAddress)
  })
})

describe("an installer's site configuration naming the wrong chain", async () => {
  const chain = await startServedChain()
  after(() => chain.close())

  test('stops the first start with the reason, and nothing is written', async () => {
    const dataDir = await tempDir('emr-node-')
    const file = join(await tempDir('emr-site-'), 'site-config.json')
    await writeFile(
      file,
      JSON.stringify({
        format: 'emr-node-site/1',
        network: 'North consortium',
        chain: { rpcUrl: chain.rpcUrl, chainId: 31337, contractAddress: chain.contractAddress },
        ipfs: { swarmKey: generateSwarmKey(), peers: [] },
      }),
    )
    await assert.rejects(startTestNode({ dataDir, siteConfigFile: file }), {
      code: 'ERR_CHAIN_ID_MISMATCH',
    })
    assert.deepEqual(await readdir(dataDir), [])
  })
})

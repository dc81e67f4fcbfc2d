import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { test } from 'node:test'
import { ContractFactory, JsonRpcProvider, type JsonRpcApiProvider } from 'ethers'
import { findDeploymentBlock } from '../../electron/node/chain/deployment-block.ts'
import { registryAbi, registryBytecode } from '../../electron/node/chain/registry-artifact.ts'
import { applySiteConfig, parseSiteConfig } from '../../electron/node/identity/site-config.ts'
import type { HospitalNode } from '../../electron/node/node.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import { createJsonSettingsStore } from '../../electron/node/settings/store.ts'
import { startTestNode } from '../helpers/node.ts'
import { startServedChain } from '../helpers/served-chain.ts'
import { tempDir } from '../helpers/temp.ts'

/** More blocks than one `eth_getLogs` batch (2,000) before the registry. */
const EARLIER_BLOCKS = 2_500

const chain = await startServedChain()
test.after(() => chain.close())
const provider = chain.governor.provider as JsonRpcApiProvider
await provider.send('evm_mine', [{ blocks: EARLIER_BLOCKS }])
const registry = await new ContractFactory(registryAbi, registryBytecode, chain.governor).deploy(
  chain.governor.address,
)
const deployedIn = (await registry.deploymentTransaction()!.wait())!.blockNumber
const contractAddress = await registry.getAddress()

/** The node's first `eth_getLogs` range, seen through the remembered blocks it indexed. */
const lowestIndexedBlock = (node: HospitalNode) =>
  (node.db.prepare('SELECT MIN(block_number) AS n FROM indexed_blocks').get() as { n: number }).n

test('the deployment block is found by eth_getCode at past blocks', async () => {
  assert.ok(deployedIn > EARLIER_BLOCKS)
  assert.equal(await findDeploymentBlock(provider, contractAddress), deployedIn)
  assert.equal(await findDeploymentBlock(provider, chain.governor.address), null, 'no code')
})

test('a client that answers "no code" for the state it pruned gives no deployment block', async () => {
  // Such a client keeps the state of the newest blocks only: the search would stop at the oldest.
  const pruning = new JsonRpcProvider(chain.rpcUrl, undefined, { staticNetwork: true })
  const horizon = deployedIn + 1
  await (await chain.governor.sendTransaction({ to: chain.governor.address, value: 1n })).wait()
  const readCode = pruning.getCode.bind(pruning)
  pruning.getCode = async (address, blockTag) =>
    typeof blockTag === 'number' && blockTag < horizon ? '0x' : readCode(address, blockTag)
  assert.equal(await findDeploymentBlock(pruning, contractAddress), null)
  pruning.destroy()
})

test('a node joining a chain with many earlier blocks indexes from the registry’s block', async () => {
  const { node, stop } = await startTestNode({
    settings: { chain: { mode: 'external', rpcUrl: chain.rpcUrl, contractAddress } },
  })
  assert.equal(node.chain.deployment.blockNumber, deployedIn)
  assert.ok(lowestIndexedBlock(node) >= deployedIn, 'nothing before the deployment was scanned')
  assert.equal(node.chain.indexer.events('GovernanceTransferred').length, 1)
  await stop()
})

test('the site configuration’s deployment block is taken as given, with no search', async () => {
  const { node } = await startTestNode({
    settings: {
      chain: {
        mode: 'external',
        rpcUrl: chain.rpcUrl,
        contractAddress,
        deploymentBlock: deployedIn,
      },
    },
  })
  assert.equal(node.chain.deployment.blockNumber, deployedIn)
  const searched = node.db.prepare("SELECT 1 FROM node_meta WHERE key LIKE 'deployment_block:%'")
  assert.equal(searched.get(), undefined)
  assert.ok(lowestIndexedBlock(node) >= deployedIn)
})

test('a site configuration carries the deployment block into the chain settings', async () => {
  const dataDir = await tempDir()
  await mkdir(dataPaths(dataDir).ipfs)
  const settings = createJsonSettingsStore(dataPaths(dataDir).settings)
  const config = parseSiteConfig(
    JSON.stringify({
      format: 'emr-node-site/1',
      network: 'Consortium',
      chain: {
        rpcUrl: chain.rpcUrl,
        chainId: chain.chainId,
        contractAddress,
        deploymentBlock: deployedIn,
      },
      ipfs: { swarmKey: `/key/swarm/psk/1.0.0/\n/base16/\n${'ab'.repeat(32)}\n`, peers: [] },
    }),
    'test',
  )
  await applySiteConfig(settings, dataDir, config)
  assert.deepEqual(settings.get().chain, {
    mode: 'external',
    rpcUrl: chain.rpcUrl,
    contractAddress,
    deploymentBlock: deployedIn,
  })
})

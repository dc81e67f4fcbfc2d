import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { Wallet } from 'ethers'
import { migrations } from '../../electron/node/db/migrations.ts'
import { HospitalNode } from '../../electron/node/node.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import { createJsonSettingsStore } from '../../electron/node/settings/store.ts'
import { startTestNode } from '../helpers/node.ts'
import { tempDir } from '../helpers/temp.ts'

describe('a node on a new data folder', async () => {
  const { node, dataDir, stop } = await startTestNode()
  const first = await node.status()

  test('deploys the registry on the embedded chain and reports live values', async () => {
    assert.equal(first.chain.mode, 'embedded')
    assert.equal(first.chain.chainId, 1337)
    assert.match(first.chain.contractAddress, /^0x[0-9a-fA-F]{40}$/)
    assert.notEqual(await node.chain.provider.getCode(first.chain.contractAddress), '0x')
    assert.ok(first.chain.blockHeight >= 1)
    assert.match(first.ipfs.peerId, /^12D3KooW/)
    assert.ok(
      first.ipfs.listenAddresses.every((address) => address.endsWith(`/p2p/${first.ipfs.peerId}`)),
    )
    assert.equal(first.database.schemaVersion, migrations.length)
    assert.equal(first.dataDir, dataDir)
  })

  test('a second node on the same folder is refused and the first keeps working', async () => {
    await assert.rejects(
      HospitalNode.start({
        dataDir,
        settings: createJsonSettingsStore(dataPaths(dataDir).settings),
      }),
      { name: 'DataFolderLockedError', code: 'ERR_DATA_FOLDER_LOCKED' },
    )
    assert.equal((await node.status()).chain.contractAddress, first.chain.contractAddress)
  })

  test('screens hear of a new block only once its events are indexed', async () => {
    const heard = new Promise<{ height: number; indexedUpTo: number }>((resolve) =>
      node.events.once('block', ({ height }) =>
        resolve({ height, indexedUpTo: node.chain.indexer.nextBlock - 1 }),
      ),
    )
    const sent = await node.chain.faucet!.sendTransaction({ to: Wallet.createRandom().address })
    const mined = (await sent.wait())!.blockNumber
    const { height, indexedUpTo } = await heard
    assert.equal(height, mined)
    assert.ok(indexedUpTo >= height, `block ${height} announced, indexed up to ${indexedUpTo}`)
  })

  test('a restart keeps the contract, the peer id and the swarm key, and deploys nothing', async () => {
    const swarmKey = await readFile(dataPaths(dataDir).swarmKey, 'utf8')
    const { blockHeight } = (await node.status()).chain
    await stop()
    const { node: again } = await startTestNode({ dataDir })
    const second = await again.status()
    assert.equal(second.chain.contractAddress, first.chain.contractAddress)
    assert.equal(second.ipfs.peerId, first.ipfs.peerId)
    assert.equal(second.chain.blockHeight, blockHeight)
    assert.equal(await readFile(dataPaths(dataDir).swarmKey, 'utf8'), swarmKey)
    const deploys = again.db
      .prepare(`SELECT COUNT(*) AS n FROM tx_outbox WHERE intent LIKE 'deploy-registry%'`)
      .get() as {
      n: number
    }
    assert.equal(deploys.n, 1)
  })
})

describe('start-up refuses bad configuration without overwriting it', () => {
  test('a corrupt swarm key', async () => {
    const dataDir = await tempDir()
    const { stop } = await startTestNode({ dataDir })
    await stop()
    const corrupt = '/key/swarm/psk/1.0.0/\n/base16/\nnot-hex\n'
    await writeFile(dataPaths(dataDir).swarmKey, corrupt)
    await assert.rejects(startTestNode({ dataDir }), {
      name: 'InvalidSwarmKeyError',
      code: 'ERR_INVALID_SWARM_KEY',
    })
    assert.equal(await readFile(dataPaths(dataDir).swarmKey, 'utf8'), corrupt)
    // The failed start released the folder: a fixed key starts again.
    await writeFile(
      dataPaths(dataDir).swarmKey,
      `/key/swarm/psk/1.0.0/\n/base16/\n${'ab'.repeat(32)}\n`,
    )
    const { node } = await startTestNode({ dataDir })
    assert.ok((await node.status()).chain.blockHeight >= 1)
  })

  test('an unreachable RPC URL', async () => {
    await assert.rejects(
      startTestNode({
        settings: {
          chain: {
            mode: 'external',
            rpcUrl: 'http://127.0.0.1:9',
            contractAddress: `0x${'1'.repeat(40)}`,
          },
        },
      }),
      { name: 'ChainUnreachableError', code: 'ERR_CHAIN_UNREACHABLE' },
    )
  })
})

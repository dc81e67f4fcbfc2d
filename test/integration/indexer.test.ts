import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { EventIndexer } from '../../electron/node/chain/indexer.ts'
import { openDatabase } from '../../electron/node/db/database.ts'
import { silentLogger } from '../../electron/node/log.ts'
import { startBareChain } from '../helpers/bare-chain.ts'
import { deployPinger, pingerInterface } from '../helpers/pinger.ts'
import { tempDir } from '../helpers/temp.ts'

const { provider, connect, sender } = startBareChain()

test('a sync asked for while another runs indexes the blocks mined after that run began', async () => {
  const pinger = await deployPinger(sender)
  // The indexer's own provider, whose head reads wait until the test lets them go.
  const indexerProvider = connect()
  const readHead = indexerProvider.getBlockNumber.bind(indexerProvider)
  let headRead: () => void = () => {}
  const headWasRead = new Promise<void>((resolve) => (headRead = resolve))
  let letGo: () => void = () => {}
  const gate = new Promise<void>((resolve) => (letGo = resolve))
  indexerProvider.getBlockNumber = async () => {
    const head = await readHead()
    headRead()
    await gate
    return head
  }
  const indexer = new EventIndexer({
    db: openDatabase(join(await tempDir(), 'emr.sqlite')),
    provider: indexerProvider,
    iface: pingerInterface,
    address: pinger,
    chainId: 1337,
    fromBlock: 0,
    log: silentLogger,
  })

  const running = indexer.sync()
  await headWasRead
  await (await sender.sendTransaction({ to: pinger })).wait()
  const requested = indexer.sync()
  letGo()
  await running
  await requested
  assert.equal(indexer.events('Ping').length, 1)
})

test('a batch the chain reorganises while it is read is read again: no phantom event', async () => {
  const pinger = await deployPinger(sender)
  const indexerProvider = connect()
  const indexer = new EventIndexer({
    db: openDatabase(join(await tempDir(), 'emr.sqlite')),
    provider: indexerProvider,
    iface: pingerInterface,
    address: pinger,
    chainId: 1337,
    fromBlock: 0,
    log: silentLogger,
  })
  await indexer.sync()
  const fork = (await provider.send('evm_snapshot', [])) as string
  await (await sender.sendTransaction({ to: pinger })).wait()
  // Right after the indexer reads the Ping, the chain drops its block for one without events.
  const readLogs = indexerProvider.getLogs.bind(indexerProvider)
  let reorganise = true
  indexerProvider.getLogs = async (filter) => {
    const logs = await readLogs(filter)
    if (reorganise && logs.length > 0) {
      reorganise = false
      await provider.send('evm_revert', [fork])
      await (await sender.sendTransaction({ to: sender.address, value: 1n })).wait()
    }
    return logs
  }
  await indexer.sync()
  assert.equal(reorganise, false, 'the chain reorganised under the read')
  assert.deepEqual(indexer.events('Ping'), [])
  assert.equal(indexer.nextBlock, (await provider.getBlockNumber()) + 1)
})

import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { EventIndexer } from '../../electron/node/chain/indexer.ts'
import { TxOutbox } from '../../electron/node/chain/outbox.ts'
import { openDatabase } from '../../electron/node/db/database.ts'
import { silentLogger } from '../../electron/node/log.ts'
import { startBareChain } from '../helpers/bare-chain.ts'
import { deployPinger, pingerInterface } from '../helpers/pinger.ts'
import { tempDir } from '../helpers/temp.ts'

const { provider, connect, sender } = startBareChain()
const iface = pingerInterface
const mine = () => provider.send('evm_mine', [])

test('a block is indexed once two more are mined on top of it', async () => {
  const pinger = await deployPinger(sender)
  const indexer = new EventIndexer({
    db: openDatabase(join(await tempDir(), 'emr.sqlite')),
    provider: connect(),
    iface,
    address: pinger,
    chainId: 1337,
    fromBlock: 0,
    confirmations: 2,
    log: silentLogger,
  })
  await (await sender.sendTransaction({ to: pinger })).wait()
  await indexer.sync()
  assert.equal(indexer.events('Ping').length, 0, 'the Ping block has nothing on top')
  await mine()
  await indexer.sync()
  assert.equal(indexer.events('Ping').length, 0, 'one block on top')
  await mine()
  await indexer.sync()
  assert.equal(indexer.events('Ping').length, 1, 'two blocks on top')
})

test('a write counts as done once two blocks are mined on top of it', async () => {
  const pinger = await deployPinger(sender)
  // The outbox's provider tells the test each time the outbox reads the head.
  const outboxProvider = connect()
  const readHead = outboxProvider.getBlockNumber.bind(outboxProvider)
  let headReads = 0
  const waiters: (() => void)[] = []
  outboxProvider.getBlockNumber = async () => {
    const head = await readHead()
    headReads++
    for (const wake of waiters.splice(0)) wake()
    return head
  }
  /** Resolves once the outbox read the head twice more: it had the receipt and kept waiting. */
  const twoHeadReads = async () => {
    const target = headReads + 2
    while (headReads < target) await new Promise<void>((resolve) => waiters.push(resolve))
    return 'waiting'
  }
  const outbox = new TxOutbox(
    openDatabase(join(await tempDir(), 'emr.sqlite')),
    outboxProvider,
    iface,
    silentLogger,
    2,
  )
  const sending = outbox.send('ping', sender, { to: pinger })
  const outcome = () => Promise.race([sending.then(() => 'done'), twoHeadReads()])

  assert.equal(await outcome(), 'waiting', 'mined, nothing on top')
  await mine()
  assert.equal(await outcome(), 'waiting', 'one block on top')
  await mine()
  assert.equal(await outcome(), 'done', 'two blocks on top')
  const sent = await sending
  assert.equal((await provider.getBlockNumber()) - sent.blockNumber, 2)
})

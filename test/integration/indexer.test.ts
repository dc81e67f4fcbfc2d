import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { Interface, id } from 'ethers'
import { EventIndexer } from '../../electron/node/chain/indexer.ts'
import { openDatabase } from '../../electron/node/db/database.ts'
import { silentLogger } from '../../electron/node/log.ts'
import { startBareChain } from '../helpers/bare-chain.ts'
import { tempDir } from '../helpers/temp.ts'

const { connect, sender } = startBareChain()

/**
 * Deploys a contract whose every call emits `Ping()`: init code that returns the 39-byte runtime
 * `PUSH32 topic; PUSH1 0; PUSH1 0; LOG1; STOP`.
 */
async function deployPinger(): Promise<string> {
  const runtime = `7f${id('Ping()').slice(2)}60006000a100`
  const deployed = await (
    await sender.sendTransaction({ data: `0x6027600c60003960276000f3${runtime}` })
  ).wait()
  return deployed!.contractAddress!
}

test('a sync asked for while another runs indexes the blocks mined after that run began', async () => {
  const pinger = await deployPinger()
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
    iface: new Interface(['event Ping()']),
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

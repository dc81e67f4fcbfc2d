import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, beforeEach, describe, test } from 'node:test'
import {
  BrowserProvider,
  Interface,
  Transaction,
  Wallet,
  id,
  parseEther,
  type Eip1193Provider,
} from 'ethers'
import { TxOutbox } from '../../electron/node/chain/outbox.ts'
import { openDatabase, type Database } from '../../electron/node/db/database.ts'
import { silentLogger } from '../../electron/node/log.ts'
import { startBareChain } from '../helpers/bare-chain.ts'
import { tempDir } from '../helpers/temp.ts'

const { provider, sender, ethereum } = startBareChain()

let db: Database
let recipient: string
beforeEach(async () => {
  db = openDatabase(join(await tempDir(), 'emr.sqlite'))
  recipient = Wallet.createRandom().address
})

const outbox = () => new TxOutbox(db, provider, new Interface([]), silentLogger)

/** What a crash leaves behind: the signed transaction saved, maybe broadcast, never settled. */
async function leaveSigned(status: 'signed' | 'sent', to: string, nonce?: number) {
  const request = await sender.populateTransaction({ to, value: parseEther('1'), nonce })
  const raw = await sender.signTransaction(request)
  const hash = Transaction.from(raw).hash!
  db.prepare(
    `INSERT INTO tx_outbox (intent, from_address, nonce, raw_tx, tx_hash, status) VALUES ('pay', ?, ?, ?, ?, ?)`,
  ).run(sender.address, Number(request.nonce), raw, hash, status)
  return { raw, hash }
}

/**
 * Deploys a contract whose every call reverts with the custom error `Refused()`: init code that
 * returns the 16-byte runtime `PUSH4 selector; PUSH1 224; SHL; PUSH1 0; MSTORE; REVERT(0, 4)`.
 */
async function deployRefusing(): Promise<string> {
  const runtime = `63${id('Refused()').slice(2, 10)}60e01b60005260046000fd`
  const init = `0x6010600c60003960106000f3${runtime}`
  const deployed = await (await sender.sendTransaction({ data: init })).wait()
  return deployed!.contractAddress!
}

/**
 * An outbox on the same chain behind another client, whose answer to `eth_sendRawTransaction` is
 * `refuse(raw)`'s refusal (thrown) when it gives one; the raw transaction is passed on to the
 * chain first when `alsoForward` is set (a retried request whose first try went through).
 */
function outboxBehind(
  refuse: (raw: string) => { code: number; message: string } | undefined,
  options: { alsoForward?: boolean } = {},
) {
  const client: Eip1193Provider = {
    request: async (request) => {
      const raw = request.method === 'eth_sendRawTransaction' && (request.params as string[])[0]
      const refusal = raw ? refuse(raw) : undefined
      if (!refusal) return ethereum.request(request)
      if (options.alsoForward) await ethereum.request(request)
      throw Object.assign(new Error(refusal.message), refusal)
    },
  }
  const behind = new BrowserProvider(client, undefined, { cacheTimeout: -1 })
  after(() => behind.destroy())
  return {
    outbox: new TxOutbox(db, behind, new Interface([]), silentLogger),
    sender: sender.connect(behind),
  }
}

/** Runs `work` while the chain mines nothing: what a pending transaction sees. */
async function withMiningStopped<T>(work: () => Promise<T>): Promise<T> {
  await provider.send('miner_stop', [])
  try {
    return await work()
  } finally {
    await provider.send('miner_start', [])
  }
}

const statusOf = (hash: string) =>
  (db.prepare('SELECT status FROM tx_outbox WHERE tx_hash = ?').get(hash) as { status: string })
    .status

describe('the transaction outbox', () => {
  test('a send is recorded before broadcast and settled with its receipt', async () => {
    const sent = await outbox().send('pay', sender, { to: recipient, value: parseEther('1') })
    assert.equal(statusOf(sent.txHash), 'mined')
    assert.ok(sent.gasUsed >= 21_000n)
    assert.equal(await provider.getBalance(recipient), parseEther('1'))
  })

  test('a send with a known gas limit is sent with that limit, without an estimate', async () => {
    const sent = await outbox().send('pay', sender, {
      to: recipient,
      value: parseEther('1'),
      gasLimit: 30_000n,
    })
    assert.equal((await provider.getTransaction(sent.txHash))!.gasLimit, 30_000n)
    assert.equal(await provider.getBalance(recipient), parseEther('1'))
  })

  test('a send with a known gas limit that would revert throws the contract error, unsigned', async () => {
    const refusing = await deployRefusing()
    const box = new TxOutbox(db, provider, new Interface(['error Refused()']), silentLogger)
    // An error the registry does not declare has no code of its own; its message names it.
    await assert.rejects(box.send('refused', sender, { to: refusing, gasLimit: 50_000n }), {
      code: 'ERR_CONTRACT_REVERTED',
      message: /Refused/,
    })
    assert.equal(db.prepare('SELECT count(*) AS n FROM tx_outbox').get()!.n, 0)
  })

  test('concurrent sends take distinct nonces and all land', async () => {
    const box = outbox()
    await Promise.all(
      [1, 2, 3].map(() => box.send('pay', sender, { to: recipient, value: parseEther('1') })),
    )
    assert.equal(await provider.getBalance(recipient), parseEther('3'))
  })

  test('a transaction signed but never broadcast before a crash is broadcast at start, once', async () => {
    const { hash } = await leaveSigned('signed', recipient)
    assert.deepEqual(await outbox().reconcile(), { settled: 0, rebroadcast: 1 })
    await outbox().waitFor(hash)
    assert.equal(statusOf(hash), 'mined')
    assert.deepEqual(await outbox().reconcile(), { settled: 0, rebroadcast: 0 })
    assert.equal(await provider.getBalance(recipient), parseEther('1'))
  })

  test('a transaction mined while the node was down is recorded as mined, not sent again', async () => {
    const { raw, hash } = await leaveSigned('sent', recipient)
    await provider.broadcastTransaction(raw)
    assert.deepEqual(await outbox().reconcile(), { settled: 1, rebroadcast: 0 })
    assert.equal(statusOf(hash), 'mined')
    assert.equal(await provider.getBalance(recipient), parseEther('1'))
  })

  test('a transaction whose nonce another one took is marked dropped', async () => {
    const nonce = await provider.getTransactionCount(sender.address)
    const { hash } = await leaveSigned('signed', recipient, nonce)
    await (
      await sender.sendTransaction({ to: Wallet.createRandom().address, value: 1n, nonce })
    ).wait()
    assert.deepEqual(await outbox().reconcile(), { settled: 1, rebroadcast: 0 })
    assert.equal(statusOf(hash), 'dropped')
    assert.equal(await provider.getBalance(recipient), 0n)
  })
  test("Anvil's 'transaction already imported' for a pending transaction is taken as sent at start", async () => {
    const anvil = outboxBehind(() => ({ code: -32003, message: 'transaction already imported' }))
    const hash = await withMiningStopped(async () => {
      const { raw, hash } = await leaveSigned('sent', recipient)
      await provider.broadcastTransaction(raw)
      assert.deepEqual(await anvil.outbox.reconcile(), { settled: 0, rebroadcast: 1 })
      assert.equal(statusOf(hash), 'sent')
      return hash
    })
    await anvil.outbox.waitFor(hash)
    assert.equal(statusOf(hash), 'mined')
    assert.equal(await provider.getBalance(recipient), parseEther('1'))
  })

  test("'nonce too low' for the sent transaction itself, mined, settles it as mined", async () => {
    const retried = outboxBehind(() => ({ code: -32000, message: 'nonce too low' }), {
      alsoForward: true,
    })
    const sent = await retried.outbox.send('pay', retried.sender, {
      to: recipient,
      value: parseEther('1'),
    })
    assert.equal(statusOf(sent.txHash), 'mined')
    assert.equal(await provider.getBalance(recipient), parseEther('1'))
  })

  test("'nonce too low' for a transaction the chain does not hold is still an error", async () => {
    const refusing = outboxBehind(() => ({ code: -32000, message: 'nonce too low' }))
    await assert.rejects(
      refusing.outbox.send('pay', refusing.sender, { to: recipient, value: parseEther('1') }),
      { code: 'NONCE_EXPIRED' },
    )
    assert.equal(await provider.getBalance(recipient), 0n)
  })
})

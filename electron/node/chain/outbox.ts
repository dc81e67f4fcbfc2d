import {
  Transaction,
  type Interface,
  type Provider,
  type Signer,
  type TransactionReceipt,
  type TransactionRequest,
} from 'ethers'
import { setTimeout } from 'node:timers/promises'
import { ChainUnreachableError, ContractRevertedError } from '../errors.ts'
import type { Database } from '../db/database.ts'
import type { Logger } from '../log.ts'
import { classifyBroadcastRefusal } from './broadcast-refusals.ts'
import { insufficientFundsError, isInsufficientFunds } from './insufficient-funds.ts'
import { toContractError } from './revert.ts'
import { isChainUnavailable } from './transport-errors.ts'

/** `failed`: the chain refused the broadcast (e.g. missing funds); it is never sent again. */
export type OutboxStatus = 'signed' | 'sent' | 'mined' | 'reverted' | 'dropped' | 'failed'

export interface OutboxEntry {
  id: number
  intent: string
  fromAddress: string
  nonce: number
  txHash: string
  status: OutboxStatus
  blockNumber: number | null
  gasUsed: string | null
  contractAddress: string | null
}

/** The outcome of one transaction, as the receipt cards show it. */
export interface SentTransaction {
  txHash: string
  blockNumber: number
  gasUsed: bigint
  contractAddress: string | null
}

const RECEIPT_TIMEOUT_MS = 120_000
const RECEIPT_POLL_MS = 100

/**
 * Every transaction of the node goes through here: it is signed and saved with its nonce before
 * broadcast, so a crash at any point is reconciled at the next start, never lost or doubled.
 * The provider must not cache reads (`cacheTimeout: -1`), or nonces would repeat.
 */
export class TxOutbox {
  readonly #db: Database
  readonly #provider: Provider
  readonly #iface: Interface
  readonly #log: Logger
  readonly #confirmations: number
  /** Nonces are taken one at a time, so concurrent sends never sign the same nonce. */
  #signing: Promise<unknown> = Promise.resolve()

  /** `confirmations`: blocks on top of a transaction's before it counts as done. */
  constructor(db: Database, provider: Provider, iface: Interface, log: Logger, confirmations = 0) {
    this.#db = db
    this.#provider = provider
    this.#iface = iface
    this.#log = log
    this.#confirmations = confirmations
  }

  /**
   * Signs, records, broadcasts and waits for `request`; a revert throws the contract's error.
   * With a `gasLimit`, the transaction is simulated once instead of estimated: Ganache's estimate
   * runs it several times (about 40 ms against 18), and a revert still throws before signing.
   */
  async send(
    intent: string,
    signer: Signer,
    request: TransactionRequest,
  ): Promise<SentTransaction> {
    if (request.gasLimit != null) {
      const from = await signer.getAddress()
      await signer
        .call(request)
        .catch((error: unknown) => this.#refusedEstimate(error, from, request))
    }
    // Broadcast in nonce order too: a chain may park a transaction that arrives before its
    // predecessor (Ganache's instamine does, for good).
    const txHash = await this.#serially(async () => {
      const signed = await this.#signAndRecord(intent, signer, request)
      await this.#broadcast(signed.txHash, signed.raw)
      return signed.txHash
    })
    return this.#settle(txHash, await this.#waitForReceipt(txHash))
  }

  async #signAndRecord(intent: string, signer: Signer, request: TransactionRequest) {
    const from = await signer.getAddress()
    const populated = await signer
      .populateTransaction({ ...request, nonce: await this.#nextNonce(from) })
      .catch((error: unknown) => this.#refusedEstimate(error, from, request))
    const raw = await signer.signTransaction(populated)
    const txHash = Transaction.from(raw).hash!
    this.#db
      .prepare(
        `INSERT INTO tx_outbox (intent, from_address, nonce, raw_tx, tx_hash, status)
         VALUES (?, ?, ?, ?, ?, 'signed')`,
      )
      .run(intent, from, Number(populated.nonce), raw, txHash)
    return { txHash, raw }
  }

  #serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#signing.then(work)
    this.#signing = result.catch(() => {})
    return result
  }

  /**
   * Settles what a previous run left open: mined, reverted, dropped, or broadcast again. A
   * transaction signed for another chain, or for any chain when `joinedAnotherNetwork` (the same
   * chain id may be another network's, and a registry at the same address another registry), is
   * dropped unsent: it was meant for a network this node has left.
   */
  async reconcile(
    options: { joinedAnotherNetwork?: boolean } = {},
  ): Promise<{ settled: number; rebroadcast: number }> {
    const open = this.#db
      .prepare(
        `SELECT tx_hash, raw_tx, from_address, nonce FROM tx_outbox WHERE status IN ('signed', 'sent') ORDER BY from_address, nonce`,
      )
      .all() as { tx_hash: string; raw_tx: string; from_address: string; nonce: number }[]
    const chainId = open.length > 0 ? (await this.#provider.getNetwork()).chainId : 0n
    let settled = 0
    let rebroadcast = 0
    for (const row of open) {
      if (options.joinedAnotherNetwork || Transaction.from(row.raw_tx).chainId !== chainId) {
        this.#setStatus(row.tx_hash, 'dropped')
        this.#log.warn('a transaction left for another network is dropped unsent', {
          txHash: row.tx_hash,
        })
        settled++
        continue
      }
      const receipt = await this.#provider.getTransactionReceipt(row.tx_hash)
      if (receipt) {
        this.#settle(row.tx_hash, receipt, false)
        settled++
      } else if (
        (await this.#provider.getTransactionCount(row.from_address, 'latest')) > row.nonce
      ) {
        // Another transaction took this nonce: ours can never be mined.
        this.#setStatus(row.tx_hash, 'dropped')
        settled++
      } else {
        try {
          await this.#broadcast(row.tx_hash, row.raw_tx)
          rebroadcast++
        } catch (error) {
          // Refused for good (marked failed): it must not stop the start, now or at the next.
          if (this.#statusOf(row.tx_hash) !== 'failed') throw error
          this.#log.warn('a transaction left from a previous run was refused', {
            txHash: row.tx_hash,
            error: String(error),
          })
          settled++
        }
      }
    }
    if (open.length > 0) this.#log.info('outbox reconciled', { settled, rebroadcast })
    return { settled, rebroadcast }
  }

  /** The latest entry for an intent, so a caller can resume work a crash interrupted. */
  findByIntent(intent: string): OutboxEntry | undefined {
    const row = this.#db
      .prepare(
        `SELECT id, intent, from_address AS fromAddress, nonce, tx_hash AS txHash, status,
                block_number AS blockNumber, gas_used AS gasUsed, contract_address AS contractAddress
         FROM tx_outbox WHERE intent = ? ORDER BY id DESC LIMIT 1`,
      )
      .get(intent) as OutboxEntry | undefined
    return row ? { ...row } : undefined
  }

  async waitFor(txHash: string): Promise<SentTransaction> {
    return this.#settle(txHash, await this.#waitForReceipt(txHash))
  }

  /**
   * Polls for the receipt, until its block has the confirmations on top (the receipt is read
   * again each time: a reorganisation may move or drop the transaction). ethers'
   * waitForTransaction counts confirmations from a cached block number and can wait for a block
   * that an instamining chain never produces.
   */
  async #waitForReceipt(txHash: string): Promise<TransactionReceipt> {
    const deadline = Date.now() + RECEIPT_TIMEOUT_MS
    for (;;) {
      const receipt = await this.#provider.getTransactionReceipt(txHash)
      if (receipt && (await this.#confirmed(receipt))) return receipt
      if (Date.now() > deadline) throw new ChainUnreachableError(`No receipt for ${txHash} in time`)
      await setTimeout(RECEIPT_POLL_MS)
    }
  }

  async #confirmed(receipt: TransactionReceipt): Promise<boolean> {
    if (this.#confirmations === 0) return true
    return (await this.#provider.getBlockNumber()) >= receipt.blockNumber + this.#confirmations
  }

  async #nextNonce(from: string): Promise<number> {
    const onChain = await this.#provider.getTransactionCount(from, 'pending')
    const row = this.#db
      .prepare(
        `SELECT MAX(nonce) AS nonce FROM tx_outbox WHERE from_address = ? AND status IN ('signed', 'sent')`,
      )
      .get(from) as { nonce: number | null }
    return Math.max(onChain, row.nonce === null ? 0 : row.nonce + 1)
  }

  async #broadcast(txHash: string, raw: string): Promise<void> {
    try {
      await this.#provider.broadcastTransaction(raw)
    } catch (error) {
      if (!(await this.#alreadyHeld(txHash, error)))
        throw await this.#refusedBroadcast(txHash, raw, error)
    }
    this.#setStatus(txHash, 'sent')
  }

  /**
   * A broadcast that failed. When the chain answered (it refused the transaction), the entry is
   * marked failed: sending it again at the next start would only be refused again, and the
   * caller was told it failed, so it must never be mined later behind their back. When the
   * chain could not be reached, whether it arrived is unknown: the entry stays open for
   * `reconcile`. Missing funds are named with the amounts.
   */
  async #refusedBroadcast(txHash: string, raw: string, error: unknown): Promise<unknown> {
    if (isChainUnavailable(error)) return error
    this.#setStatus(txHash, 'failed')
    if (!isInsufficientFunds(error)) return error
    const tx = Transaction.from(raw)
    return insufficientFundsError(this.#provider, tx.from!, tx, error)
  }

  /** An estimate or simulation that failed: the contract's error, missing funds, or as it came. */
  async #refusedEstimate(
    error: unknown,
    from: string,
    request: TransactionRequest,
  ): Promise<never> {
    if (isInsufficientFunds(error)) {
      throw await insufficientFundsError(this.#provider, from, { value: request.value }, error)
    }
    return toContractError(error, this.#iface)
  }

  #statusOf(txHash: string): OutboxStatus | undefined {
    const row = this.#db.prepare('SELECT status FROM tx_outbox WHERE tx_hash = ?').get(txHash) as
      { status: OutboxStatus } | undefined
    return row?.status
  }

  /**
   * Whether a refused broadcast means the chain has this very transaction, pending or mined: then
   * it was sent, and the receipt decides what happened. A used nonce counts only when the chain
   * knows our hash; another transaction's nonce is the caller's (or `reconcile`'s) to settle.
   */
  async #alreadyHeld(txHash: string, error: unknown): Promise<boolean> {
    const refusal = classifyBroadcastRefusal(error)
    if (refusal === 'already-held') return true
    return refusal === 'nonce-used' && (await this.#provider.getTransaction(txHash)) !== null
  }

  #settle(txHash: string, receipt: TransactionReceipt, throwOnRevert = true): SentTransaction {
    const status: OutboxStatus = receipt.status === 1 ? 'mined' : 'reverted'
    this.#db
      .prepare(
        `UPDATE tx_outbox SET status = ?, block_number = ?, gas_used = ?, contract_address = ?,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE tx_hash = ?`,
      )
      .run(status, receipt.blockNumber, receipt.gasUsed.toString(), receipt.contractAddress, txHash)
    if (status === 'reverted' && throwOnRevert) {
      throw new ContractRevertedError(`Transaction ${txHash} was mined but reverted`)
    }
    return {
      txHash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
      contractAddress: receipt.contractAddress,
    }
  }

  #setStatus(txHash: string, status: OutboxStatus): void {
    this.#db
      .prepare(
        `UPDATE tx_outbox SET status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE tx_hash = ?`,
      )
      .run(status, txHash)
  }
}

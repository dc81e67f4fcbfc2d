import { getAddress, type Interface, type Log, type Provider } from 'ethers'
import { CoalescingTask } from '../coalescing-task.ts'
import { transaction, type Database } from '../db/database.ts'
import type { Logger } from '../log.ts'
import { blockHashes, heightsToRemember, IndexedBlocks } from './indexed-blocks.ts'

/** Blocks per getLogs call: small enough for public endpoints' limits. */
const BATCH_BLOCKS = 2_000

/** Reads of a batch the chain may change under (a reorganisation) before a sync gives up. */
const MAX_UNSETTLED_READS = 10

/** Where `node_meta` keeps which chain and registry the index was built from. */
const SOURCE_KEY = 'event_index_source'

/** What an index (and the outbox's open transactions) belong to: a chain and a registry. */
export function networkSource(chainId: number | bigint, address: string): string {
  return `${chainId}:${getAddress(address)}`
}

/**
 * Whether the index was built from another chain or registry than this one: the node joined
 * another network since. False for a fresh database.
 */
export function joinedAnotherNetwork(db: Database, source: string): boolean {
  const stored = db.prepare('SELECT value FROM node_meta WHERE key = ?').get(SOURCE_KEY) as
    { value: string } | undefined
  return stored !== undefined && stored.value !== source
}

/**
 * Tables that hold facts of one chain and registry only, beside the events: emptied when the
 * node is pointed at another one. `block_times` are that chain's blocks; `audit_anchors` are this
 * node's anchors on it, which the read-log check would otherwise report as missing from the new
 * chain. Local data (read log, uploads, the patient directory, staff identities) stays.
 */
const CHAIN_BOUND_TABLES = [
  'chain_events',
  'indexer_cursor',
  'indexed_blocks',
  'block_times',
  'audit_anchors',
]

export interface IndexedEvent {
  blockNumber: number
  logIndex: number
  txHash: string
  name: string
  args: Record<string, string>
}

/** A table kept from the events, moved in the same transactions as the index. */
export interface Projection {
  /** Takes a batch of new events. */
  apply(events: IndexedEvent[]): void
  /** Forgets what came from blocks after `block` (-1: everything, the chain changed). */
  rollBackAfter(block: number): void
}

/**
 * Copies the registry's events into the database and remembers how far it got, so lists that
 * only clients read (directories, histories, the audit trail) come from SQL, not from storage.
 * The index belongs to one chain and registry: pointed at another, it starts over. It follows
 * the chain's reorganisations: blocks it took that the chain replaced are rolled back.
 */
export class EventIndexer {
  readonly #db: Database
  readonly #provider: Provider
  readonly #iface: Interface
  readonly #address: string
  readonly #source: string
  readonly #fromBlock: number
  readonly #confirmations: number
  readonly #log: Logger
  readonly #syncs = new CoalescingTask(() => this.#syncToHead())
  readonly #projections: Projection[] = []
  readonly #blocks: IndexedBlocks
  #sourceChecked = false

  constructor(options: {
    db: Database
    provider: Provider
    iface: Interface
    address: string
    /** The chain the registry lives on: with the address, what the index belongs to. */
    chainId: number
    fromBlock: number
    /** Blocks on top of a block before it is indexed. @default 0 */
    confirmations?: number
    log: Logger
  }) {
    this.#db = options.db
    this.#provider = options.provider
    this.#iface = options.iface
    this.#address = options.address
    this.#source = networkSource(options.chainId, options.address)
    this.#fromBlock = options.fromBlock
    this.#confirmations = options.confirmations ?? 0
    this.#log = options.log
    this.#blocks = new IndexedBlocks(options.db)
    options.db
      .prepare('INSERT OR IGNORE INTO indexer_cursor (contract_address, next_block) VALUES (?, ?)')
      .run(this.#address, options.fromBlock)
  }

  /**
   * Adds a projection: it sees each batch of new events inside the batch's transaction, so the
   * tables it keeps move together with the cursor. Events already indexed are replayed to it.
   */
  project(projection: Projection): void {
    this.#projections.push(projection)
    transaction(this.#db, () => projection.apply(this.events()))
  }

  get nextBlock(): number {
    const row = this.#db
      .prepare('SELECT next_block FROM indexer_cursor WHERE contract_address = ?')
      .get(this.#address) as { next_block: number }
    return row.next_block
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM chain_events').get() as { n: number }).n
  }

  /**
   * Indexes up to the chain head as it is at the call, or later, less the confirmations (a block
   * is taken once that many are mined on top of it): a call while a sync runs waits
   * for one more, since the running one may have read the head before the caller's transaction
   * was mined. Returns the new cursor.
   */
  sync(): Promise<number> {
    return this.#syncs.run()
  }

  async #syncToHead(): Promise<number> {
    this.#startOverIfSourceChanged()
    for (let attempt = 1; ; attempt++) {
      // A chain that changes under every read is broken, not reorganising: give up this sync.
      if (attempt > MAX_UNSETTLED_READS) throw new Error('The chain kept changing during the sync')
      await this.#rollBackIfReorganised()
      const head = (await this.#provider.getBlockNumber()) - this.#confirmations
      let from = this.nextBlock
      while (from <= head) {
        const to = Math.min(from + BATCH_BLOCKS - 1, head)
        const batch = await this.#readBatch(from, to, head)
        if (!batch) break
        this.#store(batch.logs, to + 1, batch.hashes)
        from = to + 1
      }
      if (from > head) return from
    }
  }

  /**
   * A batch's logs and the hashes of its blocks to remember; null when the chain reorganised
   * under the read (a block to remember changed or vanished, or a log names another block).
   */
  async #readBatch(from: number, to: number, head: number) {
    const hashes = await blockHashes(this.#provider, heightsToRemember(from, to, head))
    const logs = await this.#provider.getLogs({
      address: this.#address,
      fromBlock: from,
      toBlock: to,
    })
    const after = await blockHashes(this.#provider, [to])
    const settled =
      [...hashes.values()].every((hash) => hash !== null) &&
      after.get(to) === hashes.get(to) &&
      logs.every(
        (log) => !hashes.has(log.blockNumber) || hashes.get(log.blockNumber) === log.blockHash,
      )
    return settled ? { logs, hashes: hashes as Map<number, string> } : null
  }

  /**
   * Checks that the chain still holds the last block indexed; when it replaced it, walks back the
   * remembered blocks to the newest it still holds and rolls the index back to there (to before
   * the registry when none is left), so the next batches take the chain's new blocks.
   */
  async #rollBackIfReorganised(): Promise<void> {
    const remembered = this.#blocks.newestFirst()
    if (remembered.length === 0) return
    let ancestor = this.#fromBlock - 1
    for (const { blockNumber, hash } of remembered) {
      if ((await blockHashes(this.#provider, [blockNumber])).get(blockNumber) === hash) {
        ancestor = blockNumber
        break
      }
    }
    if (ancestor === remembered[0]!.blockNumber) return
    this.#log.warn('the chain reorganised: rolling the index back', {
      toBlock: ancestor,
      from: remembered[0]!.blockNumber,
    })
    transaction(this.#db, () => {
      this.#db.prepare('DELETE FROM chain_events WHERE block_number > ?').run(ancestor)
      this.#db.prepare('DELETE FROM block_times WHERE block_number > ?').run(ancestor)
      this.#blocks.forgetAfter(ancestor)
      for (const projection of this.#projections) projection.rollBackAfter(ancestor)
      this.#db
        .prepare('UPDATE indexer_cursor SET next_block = ? WHERE contract_address = ?')
        .run(ancestor + 1, this.#address)
    })
  }

  /**
   * Empties the index when it was built from another chain or registry (the node joined another
   * network, or its registry was deployed anew), so no old event shows beside the new chain's.
   * Runs at the first sync, once every projection is registered, in one transaction with them.
   */
  #startOverIfSourceChanged(): void {
    if (this.#sourceChecked) return
    const stored = this.#db.prepare('SELECT value FROM node_meta WHERE key = ?').get(SOURCE_KEY) as
      { value: string } | undefined
    const changed = stored?.value !== this.#source && (stored || this.#holdsOtherRegistry())
    if (changed) this.#log.info('the chain or registry changed: re-indexing from the start')
    transaction(this.#db, () => {
      if (changed) {
        for (const table of CHAIN_BOUND_TABLES) this.#db.exec(`DELETE FROM ${table}`)
        for (const projection of this.#projections) projection.rollBackAfter(-1)
        this.#db
          .prepare('INSERT INTO indexer_cursor (contract_address, next_block) VALUES (?, ?)')
          .run(this.#address, this.#fromBlock)
      }
      this.#db
        .prepare('INSERT OR REPLACE INTO node_meta (key, value) VALUES (?, ?)')
        .run(SOURCE_KEY, this.#source)
    })
    this.#sourceChecked = true
  }

  /**
   * Whether an index from before the source was recorded came (in part) from another registry:
   * its cursor names one. An index of this registry alone is kept and adopted.
   */
  #holdsOtherRegistry(): boolean {
    return (
      this.#db
        .prepare('SELECT 1 FROM indexer_cursor WHERE contract_address <> ? LIMIT 1')
        .get(this.#address) !== undefined
    )
  }

  /**
   * Saves a batch, its block hashes and the cursor in one transaction, so a crash never skips or
   * doubles.
   */
  #store(logs: readonly Log[], nextBlock: number, hashes: ReadonlyMap<number, string>): void {
    const insert = this.#db.prepare(
      `INSERT OR IGNORE INTO chain_events (block_number, log_index, tx_hash, name, args)
       VALUES (?, ?, ?, ?, ?)`,
    )
    transaction(this.#db, () => {
      const indexed: IndexedEvent[] = []
      for (const log of logs) {
        const parsed = this.#iface.parseLog(log)
        if (!parsed) {
          this.#log.warn('unknown event skipped', { tx: log.transactionHash })
          continue
        }
        const args = Object.fromEntries(
          parsed.fragment.inputs.map((input, i) => [input.name, String(parsed.args[i])]),
        )
        const event = {
          blockNumber: log.blockNumber,
          logIndex: log.index,
          txHash: log.transactionHash,
          name: parsed.name,
          args,
        }
        if (
          insert.run(
            event.blockNumber,
            event.logIndex,
            event.txHash,
            event.name,
            JSON.stringify(args),
          ).changes > 0
        ) {
          indexed.push(event)
        }
      }
      for (const projection of this.#projections) projection.apply(indexed)
      this.#blocks.remember(hashes)
      this.#db
        .prepare('UPDATE indexer_cursor SET next_block = ? WHERE contract_address = ?')
        .run(nextBlock, this.#address)
    })
  }

  events(name?: string): IndexedEvent[] {
    const rows = this.#db
      .prepare(
        `SELECT block_number AS blockNumber, log_index AS logIndex, tx_hash AS txHash, name, args
         FROM chain_events WHERE (?1 IS NULL OR name = ?1) ORDER BY block_number, log_index`,
      )
      .all(name ?? null) as (Omit<IndexedEvent, 'args'> & { args: string })[]
    return rows.map((row) => ({ ...row, args: JSON.parse(row.args) as Record<string, string> }))
  }
}

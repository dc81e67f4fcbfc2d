import type { Provider } from 'ethers'
import type { Database } from '../db/database.ts'

/**
 * How many of the last indexed blocks keep their hash: a reorganisation deeper than this rolls
 * the whole index back, since no remembered block is left to tell where the chains part.
 */
export const REMEMBERED_BLOCKS = 64

export interface BlockHash {
  blockNumber: number
  hash: string
}

/** The hashes of the last blocks the event indexer took (table `indexed_blocks`). */
export class IndexedBlocks {
  readonly #db: Database

  constructor(db: Database) {
    this.#db = db
  }

  newestFirst(): BlockHash[] {
    return this.#db
      .prepare(
        'SELECT block_number AS blockNumber, hash FROM indexed_blocks ORDER BY block_number DESC',
      )
      .all() as unknown as BlockHash[]
  }

  /** Keeps these hashes and drops all but the newest `REMEMBERED_BLOCKS`. */
  remember(hashes: ReadonlyMap<number, string>): void {
    const insert = this.#db.prepare(
      'INSERT OR REPLACE INTO indexed_blocks (block_number, hash) VALUES (?, ?)',
    )
    for (const [blockNumber, hash] of hashes) insert.run(blockNumber, hash)
    this.#db
      .prepare(
        `DELETE FROM indexed_blocks WHERE block_number <=
           (SELECT block_number FROM indexed_blocks ORDER BY block_number DESC LIMIT 1 OFFSET ?)`,
      )
      .run(REMEMBERED_BLOCKS)
  }

  forgetAfter(block: number): void {
    this.#db.prepare('DELETE FROM indexed_blocks WHERE block_number > ?').run(block)
  }
}

/**
 * The blocks of a batch whose hash is kept: its last one (the next sync checks it), and those
 * among the newest `REMEMBERED_BLOCKS` below the head, where a reorganisation can part chains.
 */
export function heightsToRemember(from: number, to: number, head: number): number[] {
  const heights = [to]
  for (let height = Math.max(from, head - REMEMBERED_BLOCKS + 1); height < to; height++) {
    heights.push(height)
  }
  return heights
}

/** The chain's current hash at each height; null where it has no block (it got shorter). */
export async function blockHashes(
  provider: Provider,
  heights: readonly number[],
): Promise<Map<number, string | null>> {
  const blocks = await Promise.all(heights.map((height) => provider.getBlock(height)))
  return new Map(heights.map((height, i) => [height, blocks[i]?.hash ?? null]))
}

/**
 * Whether the chain answers, as the node's own requests find it: the external provider reports
 * every request's outcome here (its block poller asks for the head each second), so an outage
 * shows on the status screen within a second, without a request of its own, and ends as soon as
 * the endpoint answers again.
 */
import type { EmrError } from '../errors.ts'
import { isChainUnavailable } from './transport-errors.ts'

/** Since when the chain has not answered, and why. */
export interface ChainOutage {
  since: Date
  /** ERR_CHAIN_UNREACHABLE, or ERR_CHAIN_UNAUTHORIZED for a refused consortium token. */
  code: string
  lastError: string
}

/** How many of the newest heads the chain reported are remembered. */
const HEADS_KEPT = 16

export class ChainHealth {
  #outage: ChainOutage | null = null
  #lastContact: Date | null = null
  /** The newest heads the chain reported (`eth_blockNumber`), each with when it last did. */
  readonly #heads = new Map<number, Date>()

  /** A request got the chain's answer (a revert is an answer too). */
  answered(): void {
    this.#lastContact = new Date()
    this.#outage = null
  }

  /** The chain reported `height` as its head. */
  sawHead(height: number): void {
    this.answered()
    this.#heads.delete(height)
    this.#heads.set(height, this.#lastContact!)
    if (this.#heads.size > HEADS_KEPT) this.#heads.delete(this.#heads.keys().next().value!)
  }

  /** A request never got the chain's answer (chain/transport-errors.ts). */
  failed(error: EmrError): void {
    this.#outage = {
      since: this.#outage?.since ?? new Date(),
      code: error.code,
      lastError: error.message,
    }
  }

  get outage(): ChainOutage | null {
    return this.#outage
  }

  /** When the chain last answered a request; null: never, since this node started. */
  get lastContact(): Date | null {
    return this.#lastContact
  }

  /**
   * The last time the chain reported a head no higher than `height`: until then, a copy of the
   * chain's events up to `height` held everything the chain had. Null when it never did.
   */
  lastSeenAtOrBelow(height: number): Date | null {
    let newest: Date | null = null
    for (const [head, at] of this.#heads) {
      if (head <= height && (newest === null || at > newest)) newest = at
    }
    return newest
  }
}

/** The chain's part of the node's status while it cannot be reached; null while it answers. */
export interface ChainOutageView {
  since: string
  code: string
  lastError: string
  /** When the chain last answered this node; null: not since the node started. */
  lastContactAt: string | null
}

/**
 * The chain's head and its outage, for the status: a request the chain does not answer gives the
 * last block this node indexed instead, with the outage, so the status itself never fails for it.
 */
export async function chainReach(chain: {
  provider: { getBlockNumber(): Promise<number> }
  health: ChainHealth
  indexer: { nextBlock: number }
}): Promise<{ blockHeight: number; outage: ChainOutageView | null }> {
  let blockHeight: number
  try {
    blockHeight = await chain.provider.getBlockNumber()
  } catch (error) {
    if (!isChainUnavailable(error)) throw error
    blockHeight = chain.indexer.nextBlock - 1
  }
  const { outage, lastContact } = chain.health
  return {
    blockHeight,
    outage: outage && {
      since: outage.since.toISOString(),
      code: outage.code,
      lastError: outage.lastError,
      lastContactAt: lastContact?.toISOString() ?? null,
    },
  }
}

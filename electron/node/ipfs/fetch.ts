import { ContentNotFoundError } from '../errors.ts'
import type { CID } from 'multiformats/cid'

export interface FetchOptions {
  /** Aborts the fetch; the abort error is rethrown as it is. */
  signal?: AbortSignal
  /**
   * Longest wait in milliseconds for the next piece of content (not for the whole transfer, so a
   * large file on a slow link still arrives); on expiry the fetch throws ContentNotFoundError.
   */
  timeoutMs?: number
}

/**
 * Runs `start` with a signal that also aborts when no item has arrived for `timeoutMs`. The clock
 * stops while the consumer holds an item, so a slow reader never causes a timeout.
 */
export async function* withIdleTimeout<T>(
  cid: CID,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  start: (signal: AbortSignal) => AsyncIterable<T> | Iterable<T>,
): AsyncGenerator<T, void, undefined> {
  const idle = new AbortController()
  const signal =
    callerSignal === undefined ? idle.signal : AbortSignal.any([callerSignal, idle.signal])
  let timer: NodeJS.Timeout | undefined
  const arm = () => {
    timer = setTimeout(() => idle.abort(), timeoutMs)
  }
  arm()
  try {
    for await (const item of start(signal)) {
      clearTimeout(timer)
      yield item
      arm()
    }
  } catch (error) {
    if (idle.signal.aborted && callerSignal?.aborted !== true) {
      throw new ContentNotFoundError(
        `${cid}: nothing arrived from the repo or a peer in ${timeoutMs} ms`,
        {
          cause: error,
        },
      )
    }
    throw error
  } finally {
    clearTimeout(timer)
  }
}

/**
 * One fetch per key at a time: a caller that asks for what is already on its way waits for that
 * fetch, and stops waiting (with an AbortError) when its own signal aborts. Helia's bitswap loses
 * a second want for a block whose first want was just answered or cancelled (the entry, already
 * marked for cancelling, is reused and waits for a block that never comes again), so two opens
 * of the same record must not both ask the swarm.
 */
export class SingleFlight<T> {
  readonly #running = new Map<string, Promise<T>>()

  run(key: string, start: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let running = this.#running.get(key)
    if (!running) {
      running = start()
      this.#running.set(key, running)
      const done = () => this.#running.delete(key)
      running.then(done, done)
    }
    return signal ? untilAborted(running, signal) : running
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason)
    signal.addEventListener('abort', abort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}

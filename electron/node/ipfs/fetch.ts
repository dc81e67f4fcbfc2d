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

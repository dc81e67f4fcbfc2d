/**
 * When to re-dial a peer that cannot be reached: exponential backoff with jitter, so a hospital
 * whose node is down for the night is not dialled every few seconds by every other node, and
 * nodes that lost a peer together do not all re-dial it at the same instant.
 */

export interface BackoffOptions {
  /** The wait after the first failure, in milliseconds. */
  baseMs: number
  /** The longest wait, in milliseconds. */
  capMs: number
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 60_000 }

/**
 * The wait before the next dial after `failures` failed dials in a row (0: the connection just
 * dropped, no dial failed yet): `baseMs` doubled per failure up to `capMs`, then a random part
 * of its upper half taken off ("equal jitter"), so the wait lies in [delay / 2, delay].
 * `random` returns a number in [0, 1), as Math.random does.
 */
export function backoffDelayMs(
  failures: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, Math.floor(failures)), 30)
  const delay = Math.min(options.capMs, options.baseMs * 2 ** exponent)
  return Math.round(delay / 2 + (delay / 2) * (1 - random()))
}

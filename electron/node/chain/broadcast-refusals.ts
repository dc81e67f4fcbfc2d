/**
 * What a client's refusal of `eth_sendRawTransaction` says about a transaction the outbox sends
 * again (after a crash, or a retry): each client words "I have it already" its own way, and
 * ethers passes most of them on as an unknown error with the client's text inside.
 */

/**
 * "I already hold this very transaction": Geth and Erigon `already known`; older Geth and Besu
 * `known transaction`; Anvil `transaction already imported` (-32003), as OpenEthereum said;
 * Nethermind `AlreadyKnown`.
 */
const ALREADY_HELD = /already known|known transaction|already imported|alreadyknown/i

/**
 * "This nonce is used": Geth, Anvil and Besu `nonce too low` (ethers' NONCE_EXPIRED), Nethermind
 * `OldNonce`, Ganache `the tx doesn't have the correct nonce`. Used by this very transaction, or
 * by another one: only the chain can tell.
 */
const NONCE_USED = /nonce too low|oldnonce|correct nonce/i

export type BroadcastRefusal = 'already-held' | 'nonce-used' | 'other'

/** Sorts a broadcast's error by what the client meant. */
export function classifyBroadcastRefusal(error: unknown): BroadcastRefusal {
  const texts = messagesOf(error)
  if (texts.some((text) => ALREADY_HELD.test(text))) return 'already-held'
  if ((error as { code?: unknown })?.code === 'NONCE_EXPIRED') return 'nonce-used'
  if (texts.some((text) => NONCE_USED.test(text))) return 'nonce-used'
  return 'other'
}

/** The client's own message wherever ethers put it (`error`, `info.error`), and ethers' own. */
export function messagesOf(error: unknown): string[] {
  const found: string[] = []
  const seen = new Set<unknown>()
  const visit = (value: unknown, depth: number) => {
    if (depth > 3 || value === null || typeof value !== 'object' || seen.has(value)) return
    seen.add(value)
    const { message, error: inner, info, cause } = value as Record<string, unknown>
    if (typeof message === 'string') found.push(message)
    visit(inner, depth + 1)
    visit((info as { error?: unknown } | undefined)?.error, depth + 1)
    visit(cause, depth + 1)
  }
  visit(error, 0)
  return found
}

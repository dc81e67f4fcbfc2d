import type { JsonRpcApiProvider } from 'ethers'

/** Blocks on top of a block before an external chain's block counts, unless the settings say. */
export const EXTERNAL_CHAIN_CONFIRMATIONS = 2

/**
 * Clients that run a chain as its only block producer and mine a block per transaction
 * (`web3_clientVersion` answers `Ganache/…`, `anvil/…`, `HardhatNetwork/…`): such a chain never
 * reorganises by itself and mines no block unless someone writes, so waiting for blocks on top
 * of a write would wait for other hospitals' writes. A hosted embedded chain answers as Ganache.
 */
const SINGLE_PRODUCER_CLIENTS = /^(ganache|anvil|hardhatnetwork)\//i

/**
 * How many blocks the node waits for on top of a block before it indexes it and counts a write
 * in it as done. None on the node's own embedded chain, with no setting: it never reorganises
 * (its gateway refuses snapshots and reverts) and mines no block without a write, so any wait
 * would hang every write. On an external chain: the setting when given; otherwise none on a
 * single-producer development chain, and `EXTERNAL_CHAIN_CONFIRMATIONS` on any other.
 */
export function confirmationsFor(
  settings: { mode: 'embedded' } | { mode: 'external'; confirmations?: number | undefined },
  clientVersion: string | null,
): number {
  if (settings.mode === 'embedded') return 0
  if (settings.confirmations !== undefined) return settings.confirmations
  return clientVersion !== null && SINGLE_PRODUCER_CLIENTS.test(clientVersion)
    ? 0
    : EXTERNAL_CHAIN_CONFIRMATIONS
}

/** The client's name and version; null when the endpoint does not say (counted as production). */
export async function clientVersion(provider: JsonRpcApiProvider): Promise<string | null> {
  const version = (await provider.send('web3_clientVersion', []).catch(() => null)) as unknown
  return typeof version === 'string' ? version : null
}

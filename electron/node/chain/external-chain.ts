import { ChainUnreachableError } from '../errors.ts'

const PROBE_TIMEOUT_MS = 5_000

/**
 * Asks an external JSON-RPC endpoint for its chain id, within a timeout. ethers would retry an
 * unreachable URL forever; this turns it into a clear error at start-up.
 */
export async function probeChainId(rpcUrl: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<number> {
  let response: Response
  try {
    response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw new ChainUnreachableError(`The chain at ${rpcUrl} cannot be reached`, { cause: error })
  }
  const body = (await response.json().catch(() => null)) as { result?: unknown } | null
  if (!response.ok || typeof body?.result !== 'string') {
    throw new ChainUnreachableError(`${rpcUrl} did not answer as an Ethereum JSON-RPC endpoint`)
  }
  return Number(BigInt(body.result))
}

import {
  FetchRequest,
  JsonRpcProvider,
  Network,
  type JsonRpcApiProviderOptions,
  type JsonRpcPayload,
  type JsonRpcResult,
} from 'ethers'
import { ChainUnauthorizedError, ChainUnreachableError } from '../errors.ts'
import { ChainHealth } from './chain-health.ts'
import { chainTransportError } from './transport-errors.ts'

const PROBE_TIMEOUT_MS = 5_000
/** How long one request to the chain may take once started. */
const REQUEST_TIMEOUT_MS = 30_000

export interface ExternalChainOptions {
  /** The consortium token, sent as `Authorization: Bearer`; null for an open endpoint. */
  token: string | null
  /** @default 5000 */
  timeoutMs?: number
}

/**
 * Asks an external JSON-RPC endpoint for its chain id, within a timeout. ethers would retry an
 * unreachable URL forever; this turns it into a clear error at start-up.
 */
export async function probeChainId(rpcUrl: string, options: ExternalChainOptions): Promise<number> {
  let response: Response
  try {
    response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authorizationHeader(options.token) },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(options.timeoutMs ?? PROBE_TIMEOUT_MS),
    })
  } catch (error) {
    throw new ChainUnreachableError(`The chain at ${rpcUrl} cannot be reached`, { cause: error })
  }
  if (response.status === 401 || response.status === 403) {
    throw new ChainUnauthorizedError(
      options.token
        ? `The chain at ${rpcUrl} refused this node's consortium token`
        : `The chain at ${rpcUrl} asks for a consortium token, and this node has none`,
    )
  }
  const body = (await response.json().catch(() => null)) as { result?: unknown } | null
  if (!response.ok || typeof body?.result !== 'string') {
    throw new ChainUnreachableError(`${rpcUrl} did not answer as an Ethereum JSON-RPC endpoint`)
  }
  return Number(BigInt(body.result))
}

/**
 * Probes an external chain, then returns an ethers provider pinned to its chain id that sends
 * the consortium token with every request.
 */
export async function connectExternalChain(
  rpcUrl: string,
  options: ExternalChainOptions & {
    provider?: JsonRpcApiProviderOptions
    /** Told of every request's outcome. @default a new one */
    health?: ChainHealth
  },
): Promise<{ chainId: number; provider: JsonRpcProvider }> {
  const chainId = await probeChainId(rpcUrl, options)
  const network = Network.from(chainId)
  const request = new FetchRequest(rpcUrl)
  for (const [name, value] of Object.entries(authorizationHeader(options.token))) {
    request.setHeader(name, value)
  }
  // ethers waits five minutes by default; an api call should fail well before that.
  request.timeout = REQUEST_TIMEOUT_MS
  const provider = new ExternalChainProvider(
    options.health ?? new ChainHealth(),
    request,
    network,
    {
      ...options.provider,
      staticNetwork: network,
    },
  )
  return { chainId, provider }
}

/**
 * A provider whose failed requests (the endpoint down, unreachable or too slow) throw
 * ERR_CHAIN_UNREACHABLE, so every caller of the chain reports an outage as one; each outcome,
 * and each head the chain reports, goes to the chain's health.
 */
class ExternalChainProvider extends JsonRpcProvider {
  readonly #health: ChainHealth

  constructor(health: ChainHealth, ...args: ConstructorParameters<typeof JsonRpcProvider>) {
    super(...args)
    this.#health = health
  }

  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    let results: JsonRpcResult[]
    try {
      results = await super._send(payload)
    } catch (error) {
      const typed = chainTransportError(error, this._getConnection().url)
      if (typed) this.#health.failed(typed)
      throw typed ?? error
    }
    this.#health.answered()
    for (const request of [payload].flat()) {
      if (request.method !== 'eth_blockNumber') continue
      const head = results.find(({ id }) => id === request.id)?.result
      if (typeof head === 'string') this.#health.sawHead(Number(BigInt(head)))
    }
    return results
  }
}

function authorizationHeader(token: string | null): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {}
}

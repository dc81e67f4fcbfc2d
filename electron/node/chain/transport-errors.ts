/**
 * A JSON-RPC request to an external chain that failed on the way, not on the chain: the
 * endpoint is down, unreachable, too slow, or behind a proxy that says so. The node's callers
 * get ERR_CHAIN_UNREACHABLE for these (ERR_CHAIN_UNAUTHORIZED for a refused token) instead of an
 * internal error; answers of the chain itself (reverts, refusals) are left as they are.
 */
import { ChainUnauthorizedError, ChainUnreachableError, EmrError } from '../errors.ts'

/** Node's socket and DNS failures (http and undici), as a refused or lost connection gives. */
const UNREACHABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
])

/** What a proxy or load balancer answers for a chain node behind it that is down. */
const GATEWAY_STATUSES = new Set([502, 503, 504])

/** The typed error for a transport failure of a request to `url`; undefined for anything else. */
export function chainTransportError(error: unknown, url: string): EmrError | undefined {
  const { code, response } = (error ?? {}) as {
    code?: unknown
    response?: { statusCode?: unknown }
  }
  const status = typeof response?.statusCode === 'number' ? response.statusCode : undefined
  if (code === 'SERVER_ERROR' && (status === 401 || status === 403)) {
    return new ChainUnauthorizedError(`The chain at ${url} refused this node's consortium token`, {
      cause: error,
    })
  }
  const unreachable =
    (typeof code === 'string' && UNREACHABLE_SOCKET_CODES.has(code)) ||
    code === 'TIMEOUT' ||
    (code === 'SERVER_ERROR' && status !== undefined && GATEWAY_STATUSES.has(status))
  if (!unreachable) return undefined
  return new ChainUnreachableError(`The chain at ${url} cannot be reached`, { cause: error })
}

/**
 * Whether a failed request never got the chain's answer (ERR_CHAIN_UNREACHABLE or
 * ERR_CHAIN_UNAUTHORIZED, as the external provider throws them): whatever it asked for may or
 * may not have happened.
 */
export function isChainUnavailable(error: unknown): boolean {
  return (
    error instanceof EmrError &&
    (error.code === ChainUnreachableError.code || error.code === ChainUnauthorizedError.code)
  )
}

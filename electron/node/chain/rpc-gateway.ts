/**
 * The JSON-RPC gateway through which a hosting node serves its embedded chain to the other
 * nodes of a small consortium. Ganache's own server would expose everything Ganache can do
 * (its unlocked faucet account, snapshots, time travel, mining control) with open CORS and stack
 * traces; this gateway stands in front of the in-process provider instead and:
 * - answers only POST requests bearing the consortium token (401 otherwise, nothing reaches the
 *   chain), compared in constant time;
 * - passes on only the methods of the allow-list (rpc-allow-list.ts), judging each item of a
 *   batch on its own;
 * - sends no CORS headers at all, so no web page can call it from a browser;
 * - answers errors with a code and a message only (and revert data, which clients need to
 *   decode a contract's custom error), never a stack;
 * - reads at most `maxBodyBytes` of a request (413 beyond).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../log.ts'
import { isGatewayMethod } from './rpc-allow-list.ts'
import { rpcTokenMatches } from './rpc-token.ts'

/** The in-process chain behind the gateway (Ganache's EIP-1193 provider). */
export interface RpcBackend {
  request(args: { method: string; params?: unknown }): Promise<unknown>
}

export interface RpcGatewayOptions {
  backend: RpcBackend
  /** IP address to bind, the one the administrator chose. */
  host: string
  /** TCP port; 0 picks a free one (tests). */
  port: number
  /** The consortium token clients present as `Authorization: Bearer <token>`. */
  token: string
  log: Logger
  /** @default 1 MiB */
  maxBodyBytes?: number
}

export interface RpcGateway {
  host: string
  port: number
  close(): Promise<void>
}

/** JSON-RPC error codes the gateway itself answers with. */
const gatewayErrorCodes = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotAvailable: -32601,
  /** Ganache's and most clients' code for a failed call without a more specific one. */
  serverError: -32000,
  unauthorized: -32001,
} as const

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
/** A caller that has not sent its whole request by then is cut off (Node's default: 5 min). */
const REQUEST_TIMEOUT_MS = 30_000

interface RpcError {
  code: number
  message: string
  data?: string
}

type RpcId = string | number | null

interface RpcReply {
  jsonrpc: '2.0'
  id: RpcId
  result?: unknown
  error?: RpcError
}

/** Starts the gateway; resolves once it listens. */
export async function startRpcGateway(options: RpcGatewayOptions): Promise<RpcGateway> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log.error('chain gateway request failed', { error: String(error) })
      if (!response.headersSent)
        reply(response, 500, failure(null, gatewayErrorCodes.serverError, 'internal error'))
      else response.destroy()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST')
      return reply(
        response,
        405,
        failure(null, gatewayErrorCodes.invalidRequest, 'only POST is served'),
      )
    }
    if (!authorized(request.headers.authorization, options.token)) {
      response.setHeader('WWW-Authenticate', 'Bearer')
      return reply(
        response,
        401,
        failure(null, gatewayErrorCodes.unauthorized, 'missing or wrong consortium token'),
      )
    }
    const body = await readBody(request, maxBodyBytes)
    if (body === null) {
      return reply(
        response,
        413,
        failure(null, gatewayErrorCodes.invalidRequest, 'request too large'),
      )
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      return reply(response, 200, failure(null, gatewayErrorCodes.parseError, 'parse error'))
    }
    if (Array.isArray(parsed)) {
      if (parsed.length === 0) {
        return reply(response, 200, failure(null, gatewayErrorCodes.invalidRequest, 'empty batch'))
      }
      const replies: RpcReply[] = []
      // One at a time and in order: a batch may send a transaction and then read its receipt.
      for (const item of parsed) {
        const answer = await answerOne(item)
        if (answer) replies.push(answer)
      }
      return replies.length > 0 ? reply(response, 200, replies) : noContent(response)
    }
    const answer = await answerOne(parsed)
    return answer ? reply(response, 200, answer) : noContent(response)
  }

  /** Answers one request object; null for a notification (no `id`), which gets no reply. */
  async function answerOne(item: unknown): Promise<RpcReply | null> {
    if (!isRequest(item)) return failure(null, gatewayErrorCodes.invalidRequest, 'invalid request')
    const id = item.id ?? null
    const notification = !('id' in item)
    if (!isGatewayMethod(item.method)) {
      return notification
        ? null
        : failure(id, gatewayErrorCodes.methodNotAvailable, 'method not available on this gateway')
    }
    try {
      const result = await options.backend.request({
        method: item.method,
        params: item.params ?? [],
      })
      return notification ? null : { jsonrpc: '2.0', id, result }
    } catch (error) {
      return notification ? null : { jsonrpc: '2.0', id, error: sanitizedError(error) }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { address, port } = server.address() as AddressInfo
  options.log.warn('the embedded chain is served to other nodes over JSON-RPC', {
    address,
    port,
  })
  return {
    host: address,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function authorized(header: string | undefined, token: string): boolean {
  const presented = /^Bearer (\S+)$/.exec(header ?? '')?.[1]
  return presented !== undefined && rpcTokenMatches(presented, token)
}

/** The request's body, or null once it grows past `limit` (the rest is not read). */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  if (Number(request.headers['content-length'] ?? 0) > limit) return null
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function isRequest(
  item: unknown,
): item is { method: string; params?: unknown[] | object; id?: RpcId } {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false
  const { jsonrpc, method, params, id } = item as Record<string, unknown>
  return (
    jsonrpc === '2.0' &&
    typeof method === 'string' &&
    (params === undefined || (typeof params === 'object' && params !== null)) &&
    (id === undefined || id === null || typeof id === 'string' || typeof id === 'number')
  )
}

/**
 * A chain error as the gateway passes it on: its code and the first line of its message. Ganache
 * attaches stacks, program counters and transaction hashes under `data`; only revert data (hex)
 * is kept, since a client needs it to decode a contract's custom error.
 */
function sanitizedError(error: unknown): RpcError {
  const { code, message, data } = (error ?? {}) as {
    code?: unknown
    message?: unknown
    data?: unknown
  }
  const sanitized: RpcError = {
    code: Number.isInteger(code) ? (code as number) : gatewayErrorCodes.serverError,
    message: typeof message === 'string' ? message.split('\n')[0]! : 'internal error',
  }
  if (typeof data === 'string' && /^0x[0-9a-fA-F]*$/.test(data)) sanitized.data = data
  return sanitized
}

function failure(id: RpcId, code: number, message: string): RpcReply {
  return { jsonrpc: '2.0', id, error: { code, message } }
}

function reply(response: ServerResponse, status: number, body: RpcReply | RpcReply[]): void {
  // A refused request's body may be left unread: close the connection rather than reuse it.
  if (status !== 200) response.setHeader('Connection', 'close')
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
  response.end(JSON.stringify(body))
}

function noContent(response: ServerResponse): void {
  response.writeHead(204).end()
}

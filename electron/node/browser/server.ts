import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { Dispatch } from '../api/dispatch.ts'
import { eventNames } from '../api/spec.ts'
import { CONTENT_SECURITY_POLICY } from '../content-security-policy.ts'
import { InvalidInputError, UnauthorizedError, toErrorInfo } from '../errors.ts'
import type { NodeEvents } from '../events.ts'

const MAX_BODY_BYTES = 64 * 1024 * 1024

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.mjs': 'text/javascript; charset=utf-8',
}

export interface BrowserServer {
  /** The address to open, carrying the session token once. */
  url: string
  port: number
  close(): Promise<void>
}

export interface BrowserServerOptions {
  dispatch: Dispatch
  events: NodeEvents
  /** The built renderer (out/renderer). */
  staticDir: string
  /** 0 picks a random free port. */
  port?: number
}

/**
 * Browser mode: serves the built renderer and the api table on loopback only. Every api call
 * needs the random session token, and requests for other hosts are refused (DNS rebinding).
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = randomBytes(32).toString('base64url')
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: toErrorInfo(error) })
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const port = (server.address() as AddressInfo).port
    if (!isLoopbackHost(request.headers.host, port))
      return sendText(response, 421, 'Misdirected request')
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`)
    if (url.pathname === '/api/events') {
      if (!tokenMatches(url.searchParams.get('token'), token)) return unauthorized(response)
      return streamEvents(response, options.events)
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed')
      const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? null
      if (!tokenMatches(bearer, token)) return unauthorized(response)
      let input: unknown
      try {
        input = await readJsonBody(request)
      } catch (error) {
        return sendJson(response, 400, { ok: false, error: toErrorInfo(error) })
      }
      return sendJson(response, 200, await options.dispatch(url.pathname.slice(5), input))
    }
    return serveStatic(response, options.staticDir, url.pathname)
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: () => closeServer(server),
  }
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

function tokenMatches(given: string | null, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

function unauthorized(response: ServerResponse): void {
  sendJson(response, 401, { ok: false, error: new UnauthorizedError().toJSON() })
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) throw new InvalidInputError('The request body is too large')
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return text ? JSON.parse(text) : undefined
  } catch {
    throw new InvalidInputError('The request body is not valid JSON')
  }
}

function streamEvents(response: ServerResponse, events: NodeEvents): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  })
  const unsubscribers = eventNames.map((name) => {
    const listener = (payload: unknown) =>
      response.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)
    events.on(name, listener)
    return () => events.off(name, listener)
  })
  response.on('close', () => unsubscribers.forEach((unsubscribe) => unsubscribe()))
}

async function serveStatic(
  response: ServerResponse,
  root: string,
  pathname: string,
): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
  const path = join(root, relative === '' ? 'index.html' : relative)
  if (path !== root && !path.startsWith(root + sep)) return sendText(response, 404, 'Not found')
  let body: Buffer
  try {
    body = await readFile(path)
  } catch {
    return sendText(response, 404, 'Not found')
  }
  response.writeHead(200, {
    'content-type': contentTypes[extname(path)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  })
  response.end(body)
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  response.end(JSON.stringify(body))
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  response.end(text)
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { Dispatch } from '../api/dispatch.ts'
import { eventNames } from '../api/spec.ts'
import { CONTENT_SECURITY_POLICY } from '../content-security-policy.ts'
import { InvalidInputError, UnauthorizedError, toErrorInfo } from '../errors.ts'
import type { NodeEvents } from '../events.ts'
import { BrowserSessions, readCookie, sessionCookie, sessionCookieName } from './sessions.ts'

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
  /** The first sign-in address to open: it works once, in one browser. */
  url: string
  port: number
  /** A new one-time sign-in address, for another browser; the previous one stops working. */
  issueLoginUrl(): string
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
 * Browser mode: serves the built renderer and the api table on loopback only. A browser signs in
 * once through a one-time address, which sets its session cookie; every api call needs that
 * cookie and, being a script's request, this page's own origin. Requests for other hosts are
 * refused (DNS rebinding).
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const sessions = new BrowserSessions()
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
    if (url.pathname === LOGIN_PATH) return logIn(response, url.searchParams.get('token'), port)
    if (url.pathname.startsWith('/api/')) {
      const cookie = readCookie(request.headers.cookie, sessionCookieName(port))
      if (!sessions.isSession(cookie) || !isFromThisPage(request)) return unauthorized(response)
      if (url.pathname === '/api/events') return streamEvents(response, options.events)
      if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed')
      if (!hasThisOrigin(request)) return unauthorized(response)
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

  /** Spends a login token: sets the session cookie and leaves the token's address at once. */
  function logIn(response: ServerResponse, token: string | null, port: number): void {
    const session = sessions.redeem(token)
    if (!session) return sendText(response, 403, LOGIN_REFUSED)
    // A redirect, so the address bar and the page's history entry never hold the token.
    response.writeHead(303, {
      location: '/',
      'set-cookie': sessionCookie(port, session),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    })
    response.end()
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const issueLoginUrl = () =>
    `http://127.0.0.1:${port}${LOGIN_PATH}?token=${sessions.issueLoginToken()}`
  return {
    url: issueLoginUrl(),
    port,
    issueLoginUrl,
    close: () => closeServer(server),
  }
}

const LOGIN_PATH = '/login'
const LOGIN_REFUSED =
  'This sign-in address was already used or has been replaced. Press Enter in the terminal ' +
  'running npm run browser to print a new one.'

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

/**
 * Browsers say where a request comes from; another site or another port on this machine (same
 * site, so the SameSite cookie still goes along) is refused. Clients that send no Sec-Fetch-Site
 * (older browsers, scripts) still need the cookie and, for calls, the Origin.
 */
function isFromThisPage(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site']
  return site === undefined || site === 'same-origin'
}

/** An api call is a script's POST, which browsers always send with the page's origin. */
function hasThisOrigin(request: IncomingMessage): boolean {
  return request.headers.origin === `http://${request.headers.host}`
}

function unauthorized(response: ServerResponse): void {
  const error = new UnauthorizedError('This browser is not signed in to the node')
  sendJson(response, 401, { ok: false, error: error.toJSON() })
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

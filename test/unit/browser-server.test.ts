import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import type { Dispatch } from '../../electron/node/api/dispatch.ts'
import { startBrowserServer, type BrowserServer } from '../../electron/node/browser/server.ts'
import { NodeEvents } from '../../electron/node/events.ts'

// A fake dispatcher stands in for the node: this suite checks the HTTP adapter alone.
const calls: [string, unknown][] = []
const dispatch: Dispatch = async (method, input) => {
  calls.push([method, input])
  return { ok: true, value: { echoed: method } }
}
const events = new NodeEvents()
const staticDir = mkdtempSync(join(tmpdir(), 'emr-static-'))
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>EMR Node</title>')
writeFileSync(join(tmpdir(), 'emr-outside.txt'), 'secret outside the renderer folder')

let server: BrowserServer
let origin: string
/** The Cookie header of a browser signed in through the first address. */
let cookie: string
before(async () => {
  server = await startBrowserServer({ dispatch, events, staticDir })
  origin = `http://127.0.0.1:${server.port}`
  cookie = await logIn(server.url)
})
after(() => server.close())

function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path,
          method: options.method ?? 'GET',
          headers: options.headers,
        },
        (res) => {
          let body = ''
          res.on('data', (chunk: Buffer) => (body += chunk))
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
        },
      )
      req.on('error', reject)
      req.end(options.body)
    },
  )
}

/** Opens a sign-in address and returns the Cookie header the browser would send from then on. */
async function logIn(url: string): Promise<string> {
  const { pathname, search } = new URL(url)
  const response = await send(pathname + search)
  assert.equal(response.status, 303)
  const [setCookie] = response.headers['set-cookie'] as string[]
  return setCookie!.split(';')[0]!
}

/** An api call as the page's script makes it: POST, its session cookie, its own origin. */
const pageHeaders = () => ({
  cookie,
  origin,
  'sec-fetch-site': 'same-origin',
  'content-type': 'application/json',
})

function callApi(headers: Record<string, string>, body = '{}') {
  return send('/api/node.status', { method: 'POST', headers, body })
}

async function assertRefused(response: { status: number; body: string }, callsBefore: number) {
  assert.equal(response.status, 401)
  assert.equal(JSON.parse(response.body).error.code, 'ERR_UNAUTHORIZED')
  assert.equal(calls.length, callsBefore)
}

test('the server listens on loopback only, on a random port, with a long one-time token', () => {
  const url = new URL(server.url)
  assert.equal(url.hostname, '127.0.0.1')
  assert.equal(url.pathname, '/login')
  assert.ok(server.port > 0)
  assert.ok(url.searchParams.get('token')!.length >= 43)
})

test('signing in sets an HttpOnly, SameSite=Strict session cookie and leaves the token address', async () => {
  const { pathname, search } = new URL(server.issueLoginUrl())
  const response = await send(pathname + search)
  assert.equal(response.status, 303)
  // The browser lands on the bare address: the token is in neither the address bar nor history.
  assert.equal(response.headers.location, '/')
  const [setCookie] = response.headers['set-cookie'] as string[]
  const [pair, ...attributes] = setCookie!.split('; ')
  assert.match(pair!, new RegExp(`^emr_session_${server.port}=[\\w-]{43}$`))
  assert.deepEqual(attributes.sort(), ['HttpOnly', 'Path=/', 'SameSite=Strict'])
  // Each browser gets its own secret, never the token it came with.
  assert.notEqual(pair!.split('=')[1], new URLSearchParams(search).get('token'))
  assert.notEqual(pair, cookie)
})

test('a sign-in address works once', async () => {
  const { pathname, search } = new URL(server.issueLoginUrl())
  assert.equal((await send(pathname + search)).status, 303)
  const again = await send(pathname + search)
  assert.equal(again.status, 403)
  assert.equal(again.headers['set-cookie'], undefined)
})

test('a new sign-in address replaces the previous unused one', async () => {
  const first = new URL(server.issueLoginUrl())
  const second = new URL(server.issueLoginUrl())
  assert.equal((await send(first.pathname + first.search)).status, 403)
  assert.equal((await send(second.pathname + second.search)).status, 303)
})

for (const token of ['', 'wrong', 'a'.repeat(43)]) {
  test(`a sign-in address with a wrong token (${JSON.stringify(token)}) sets no cookie`, async () => {
    server.issueLoginUrl()
    const response = await send(`/login?token=${token}`)
    assert.equal(response.status, 403)
    assert.equal(response.headers['set-cookie'], undefined)
  })
}

test('an api call from the signed-in page reaches the dispatcher with its input', async () => {
  const response = await callApi(pageHeaders(), JSON.stringify({ a: 1 }))
  assert.equal(response.status, 200)
  assert.deepEqual(JSON.parse(response.body), { ok: true, value: { echoed: 'node.status' } })
  assert.deepEqual(calls.at(-1), ['node.status', { a: 1 }])
})

test('the api also answers a page opened as localhost', async () => {
  const response = await callApi({
    ...pageHeaders(),
    host: `localhost:${server.port}`,
    origin: `http://localhost:${server.port}`,
  })
  assert.equal(response.status, 200)
})

const refusedCalls: [string, () => Record<string, string>][] = [
  ['no cookie (a new browser)', () => ({ ...pageHeaders(), cookie: '' })],
  [
    'a wrong session cookie',
    () => ({ ...pageHeaders(), cookie: `emr_session_${server.port}=${'a'.repeat(43)}` }),
  ],
  [
    'the sign-in token as the cookie',
    () => ({
      ...pageHeaders(),
      cookie: `emr_session_${server.port}=${new URL(server.issueLoginUrl()).searchParams.get('token')}`,
    }),
  ],
  [
    "the cookie under another port's name",
    () => ({ ...pageHeaders(), cookie: cookie.replace(/_\d+=/, '_1=') }),
  ],
  [
    'the session as a bearer token',
    () => ({ ...pageHeaders(), cookie: '', authorization: `Bearer ${cookie.split('=')[1]}` }),
  ],
  ["another port's origin (same site)", () => ({ ...pageHeaders(), origin: 'http://127.0.0.1:1' })],
  ["another site's origin", () => ({ ...pageHeaders(), origin: 'https://evil.example' })],
  [
    'no origin',
    () => {
      const { origin: _, ...headers } = pageHeaders()
      return headers
    },
  ],
  ['Sec-Fetch-Site: same-site', () => ({ ...pageHeaders(), 'sec-fetch-site': 'same-site' })],
  ['Sec-Fetch-Site: cross-site', () => ({ ...pageHeaders(), 'sec-fetch-site': 'cross-site' })],
]
for (const [what, headers] of refusedCalls) {
  test(`an api call with ${what} is refused without reaching the node`, async () => {
    const callsBefore = calls.length
    await assertRefused(await callApi(headers()), callsBefore)
  })
}

test('a request for another host name is refused (DNS rebinding)', async () => {
  const response = await send('/', { headers: { host: `evil.example:${server.port}` } })
  assert.equal(response.status, 421)
})

test('malformed JSON gets a typed invalid-input error', async () => {
  const response = await send('/api/node.status', {
    method: 'POST',
    headers: pageHeaders(),
    body: '{ nope',
  })
  assert.equal(response.status, 400)
  assert.equal(JSON.parse(response.body).error.code, 'ERR_INVALID_INPUT')
})

test('the renderer is served with the strict content security policy', async () => {
  const response = await send('/')
  assert.equal(response.status, 200)
  assert.match(response.body, /<title>EMR Node<\/title>/)
  assert.match(String(response.headers['content-security-policy']), /script-src 'self'/)
})

for (const path of [
  '/../emr-outside.txt',
  '/%2e%2e/emr-outside.txt',
  '/..%2femr-outside.txt',
  '/missing.js',
]) {
  test(`a path outside the renderer (${path}) is not served`, async () => {
    const response = await send(path)
    assert.equal(response.status, 404)
    assert.doesNotMatch(response.body, /secret/)
  })
}

test('node events reach a signed-in page as server-sent events', async () => {
  const received = new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/events',
        headers: { cookie, 'sec-fetch-site': 'same-origin' },
      },
      (res) => {
        res.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('event: block')) {
            resolve(chunk.toString())
            req.destroy()
          }
        })
      },
    )
    req.on('error', reject)
    req.end()
  })
  setTimeout(() => events.emit('block', { height: 42 }), 50)
  assert.match(await received, /data: \{"height":42\}/)
})

const refusedStreams: [string, () => Record<string, string>][] = [
  ['a browser without the cookie', () => ({ 'sec-fetch-site': 'same-origin' })],
  ['a page of another port', () => ({ cookie, 'sec-fetch-site': 'same-site' })],
]
for (const [what, headers] of refusedStreams) {
  test(`node events are refused to ${what}`, async () => {
    const response = await send('/api/events', { headers: headers() })
    assert.equal(response.status, 401)
  })
}

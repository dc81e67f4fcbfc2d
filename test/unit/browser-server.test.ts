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
let token: string
before(async () => {
  server = await startBrowserServer({ dispatch, events, staticDir })
  token = new URL(server.url).searchParams.get('token')!
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

test('the server listens on loopback only, on a random port, with a long random token', () => {
  const url = new URL(server.url)
  assert.equal(url.hostname, '127.0.0.1')
  assert.ok(server.port > 0)
  assert.ok(token.length >= 43)
})

test('an api call with the token reaches the dispatcher with its input', async () => {
  const response = await send('/api/node.status', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ a: 1 }),
  })
  assert.equal(response.status, 200)
  assert.deepEqual(JSON.parse(response.body), { ok: true, value: { echoed: 'node.status' } })
  assert.deepEqual(calls.at(-1), ['node.status', { a: 1 }])
})

const badTokens: [string, () => Record<string, string>][] = [
  ['no token', () => ({})],
  ['a wrong token', () => ({ authorization: 'Bearer wrong' })],
  ['a token one character short', () => ({ authorization: `Bearer ${token.slice(1)}` })],
]
for (const [what, headers] of badTokens) {
  test(`an api call with ${what} is refused without reaching the node`, async () => {
    const callsBefore = calls.length
    const response = await send('/api/node.status', {
      method: 'POST',
      headers: headers(),
      body: '{}',
    })
    assert.equal(response.status, 401)
    assert.equal(JSON.parse(response.body).error.code, 'ERR_UNAUTHORIZED')
    assert.equal(calls.length, callsBefore)
  })
}

test('a request for another host name is refused (DNS rebinding)', async () => {
  const response = await send('/', { headers: { host: `evil.example:${server.port}` } })
  assert.equal(response.status, 421)
})

test('malformed JSON gets a typed invalid-input error', async () => {
  const response = await send('/api/node.status', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
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

test('node events reach a subscriber with the token as server-sent events', async () => {
  const received = new Promise<string>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: `/api/events?token=${token}` },
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

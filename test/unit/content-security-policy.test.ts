import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import { CONTENT_SECURITY_POLICY } from '../../electron/node/content-security-policy.ts'

const directives = (policy: string) =>
  new Map(policy.split(';').map((d) => d.trim().split(/\s+(.*)/s) as [string, string]))

test('the meta tag of the renderer states the same policy as the headers', async () => {
  const html = await readFile(new URL('../../renderer/index.html', import.meta.url), 'utf8')
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
  assert.ok(meta, 'index.html has a CSP meta tag')
  const expected = directives(CONTENT_SECURITY_POLICY)
  // frame-ancestors only works as a header, so the meta tag leaves it out.
  expected.delete('frame-ancestors')
  assert.deepEqual(directives(meta), expected)
})

test('scripts come only from the app itself', () => {
  const policy = directives(CONTENT_SECURITY_POLICY)
  assert.equal(policy.get('script-src'), "'self'")
  assert.equal(policy.get('object-src'), "'none'")
  assert.equal(policy.get('frame-ancestors'), "'none'")
})

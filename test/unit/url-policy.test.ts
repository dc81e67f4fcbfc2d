import assert from 'node:assert/strict'
import { pathToFileURL } from 'node:url'
import { test } from 'node:test'
import {
  isAppUrl,
  resolveDevServerUrl,
  type AppUrlOptions,
} from '../../electron/main/url-policy.ts'

const appFileUrl = pathToFileURL('/opt/EMR Node/resources/app.asar/out/renderer/index.html').href
const dev: AppUrlOptions = { appFileUrl, devServerUrl: 'http://localhost:5173/' }
const packaged: AppUrlOptions = { appFileUrl }
const renderer = 'file:///opt/EMR%20Node/resources/app.asar/out/renderer'

const allowed: [string, AppUrlOptions][] = [
  [appFileUrl, packaged],
  [`${appFileUrl}#/patients/42`, packaged],
  [`${appFileUrl}?lang=zh-TW#/settings`, packaged],
  [`${renderer}/./index.html`, packaged],
  ['file:///opt/EMR Node/resources/app.asar/out/renderer/index.html', packaged],
  [appFileUrl, dev],
  ['http://localhost:5173/', dev],
  ['http://localhost:5173', dev],
  ['http://localhost:5173/#/records', dev],
  ['http://localhost:5173/src/main.tsx?t=1', dev],
  ['http://LOCALHOST:5173/', dev],
]

const hostile: string[] = [
  // Other files, traversal, look-alike paths.
  'file:///etc/passwd',
  'FILE:///etc/passwd',
  `${renderer}/../../../../../etc/passwd`,
  `${renderer}/%2e%2e/%2e%2e/%2e%2e/secret.html`,
  `${renderer}/..%2f..%2fsecret.html`,
  `${renderer}/index.html.evil`,
  `${renderer}/index.html%00.png`,
  `${renderer}/index.htm`,
  `${renderer}/INDEX.html`,
  `${renderer}/`,
  `${renderer}/assets/index.js`,
  `${renderer}/index.html/`,
  'file://evil-host/opt/EMR%20Node/resources/app.asar/out/renderer/index.html',
  'file://localhost@evil/opt/EMR%20Node/resources/app.asar/out/renderer/index.html',
  // Userinfo tricks around the dev server.
  'http://localhost:5173@evil.com/',
  'http://localhost:5173%2f@evil.com/',
  'http://evil.com@localhost:5173/',
  'http://user:pass@localhost:5173/',
  // Other ports, schemes, hosts and look-alikes.
  'http://localhost:5174/',
  'http://localhost/',
  'https://localhost:5173/',
  'ws://localhost:5173/',
  'http://127.0.0.1:5173/',
  'http://[::1]:5173/',
  'http://0x7f.0.0.1:5173/',
  'http://localhost.:5173/',
  'http://localhost.evil.com:5173/',
  'http://evil-localhost:5173/',
  'http://l\u043ecalhost:5173/',
  'https://evil.com/',
  'https://evil.com/#http://localhost:5173/',
  // Script and document schemes.
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  'javascript://localhost:5173/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'blob:http://localhost:5173/2f5d7c9e-0000-4000-8000-000000000000',
  'about:blank',
  'about:srcdoc',
  'view-source:http://localhost:5173/',
  'devtools://devtools/bundled/inspector.html',
  'chrome://settings',
  // Not absolute URLs at all.
  '',
  ' ',
  'index.html',
  '/index.html',
  '//localhost:5173/',
  'not a url',
]

test('the packaged index and the dev server origin are app URLs', () => {
  for (const [url, options] of allowed) {
    assert.equal(isAppUrl(url, options), true, url)
  }
})

test(`${hostile.length} hostile URLs are refused, with and without a dev server`, () => {
  assert.ok(hostile.length >= 15)
  for (const url of hostile) {
    assert.equal(isAppUrl(url, dev), false, url)
    assert.equal(isAppUrl(url, packaged), false, url)
  }
})

test('without a dev server, the dev origin is not the app', () => {
  assert.equal(isAppUrl('http://localhost:5173/', packaged), false)
})

test('an opaque dev server URL never makes opaque URLs trusted (their origins are all "null")', () => {
  for (const devServerUrl of [
    'data:,x',
    'javascript:void 0',
    'about:blank',
    'file:///tmp/x.html',
  ]) {
    const options = { appFileUrl, devServerUrl }
    for (const url of [
      'data:text/html,evil',
      'javascript:alert(1)',
      'about:blank',
      'file:///tmp/x.html',
    ]) {
      assert.equal(isAppUrl(url, options), false, `${url} with dev ${devServerUrl}`)
    }
  }
})

test('a Windows install path with non-ASCII letters matches only itself', () => {
  const windows = {
    appFileUrl:
      'file:///C:/Users/%E5%BC%B5%E4%B8%89/AppData/Local/Programs/EMR%20Node/resources/app.asar/out/renderer/index.html',
  }
  assert.equal(isAppUrl(windows.appFileUrl, windows), true)
  assert.equal(
    isAppUrl(
      'file:///C:/Users/張三/AppData/Local/Programs/EMR Node/resources/app.asar/out/renderer/index.html#/',
      windows,
    ),
    true,
  )
  for (const url of [
    'file:///C:/Windows/System32/drivers/etc/hosts',
    'file:///D:/Users/%E5%BC%B5%E4%B8%89/AppData/Local/Programs/EMR%20Node/resources/app.asar/out/renderer/index.html',
    'file://server/share/Users/%E5%BC%B5%E4%B8%89/AppData/Local/Programs/EMR%20Node/resources/app.asar/out/renderer/index.html',
    'file:///C:/Users/%E5%BC%B5%E4%B8%89/AppData/Local/Programs/EMR%20Node/resources/app.asar/out/renderer/..\\..\\..\\secret.html',
  ]) {
    assert.equal(isAppUrl(url, windows), false, url)
  }
})

test('the dev server URL is taken from the environment only when unpackaged and on loopback', () => {
  const cases: [string | undefined, boolean, string | undefined][] = [
    ['http://localhost:5173', false, 'http://localhost:5173/'],
    ['http://127.0.0.1:5173/', false, 'http://127.0.0.1:5173/'],
    ['http://[::1]:5173', false, 'http://[::1]:5173/'],
    ['https://localhost:5173', false, 'https://localhost:5173/'],
    ['http://localhost:5173', true, undefined],
    [undefined, false, undefined],
    ['', false, undefined],
    ['not a url', false, undefined],
    ['http://evil.com:5173', false, undefined],
    ['http://localhost.evil.com:5173', false, undefined],
    ['http://localhost:5173@evil.com', false, undefined],
    ['http://user@localhost:5173', false, undefined],
    ['http://10.0.0.5:5173', false, undefined],
    ['file:///tmp/index.html', false, undefined],
    ['javascript:alert(1)', false, undefined],
    ['data:text/html,x', false, undefined],
  ]
  for (const [value, isPackaged, expected] of cases) {
    assert.equal(
      resolveDevServerUrl(value, isPackaged),
      expected,
      `${value} packaged=${isPackaged}`,
    )
  }
})

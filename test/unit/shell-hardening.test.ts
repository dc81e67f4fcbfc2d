import assert from 'node:assert/strict'
import { test } from 'node:test'
import { guardWebContents, hardenSession } from '../../electron/main/hardening.ts'
import type { AppUrlOptions } from '../../electron/main/url-policy.ts'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/window-options.ts'
import { silentLogger } from '../../electron/node/log.ts'

const appFileUrl = 'file:///opt/emr/resources/app.asar/out/renderer/index.html'
const urls: AppUrlOptions = { appFileUrl, devServerUrl: 'http://localhost:5173' }
const foreign = [
  'https://evil.example/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,x',
]

type Handler = (...args: never[]) => unknown

/** A fake Session that keeps the handlers the shell installs. */
function fakeSession() {
  const handlers: Record<string, Handler> = {}
  const session = {
    setPermissionRequestHandler: (handler: Handler) => void (handlers.request = handler),
    setPermissionCheckHandler: (handler: Handler) => void (handlers.check = handler),
    setDevicePermissionHandler: (handler: Handler) => void (handlers.device = handler),
    webRequest: { onHeadersReceived: (handler: Handler) => void (handlers.headers = handler) },
  }
  hardenSession(session as never, urls)
  return handlers as Record<
    'request' | 'check' | 'device' | 'headers',
    (...args: unknown[]) => unknown
  >
}

test('every permission request, check and device request is denied', () => {
  const handlers = fakeSession()
  for (const permission of [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fileSystem',
    'unknown',
  ]) {
    const answers: boolean[] = []
    handlers.request({}, permission, (granted: boolean) => answers.push(granted), {})
    assert.deepEqual(answers, [false], permission)
    assert.equal(handlers.check({}, permission, 'file://', {}), false, permission)
  }
  assert.equal(handlers.device({ deviceType: 'usb', origin: 'file://' }), false)
})

test('app responses carry the CSP header; other responses pass untouched', () => {
  const handlers = fakeSession()
  for (const url of [appFileUrl, 'http://localhost:5173/', 'http://localhost:5173/src/main.tsx']) {
    let response: unknown
    handlers.headers(
      { url, responseHeaders: { 'content-security-policy': ['default-src *'] } },
      (answer: unknown) => (response = answer),
    )
    assert.deepEqual(
      response,
      { responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } },
      url,
    )
  }
  for (const url of foreign) {
    let response: unknown
    handlers.headers({ url, responseHeaders: {} }, (answer: unknown) => (response = answer))
    assert.deepEqual(response, {}, url)
  }
})

/** A fake WebContents that keeps the listeners the guard registers. */
function fakeContents() {
  const listeners = new Map<string, ((event: unknown) => void)[]>()
  let openHandler: ((details: unknown) => unknown) | undefined
  const contents = {
    on(event: string, listener: (event: unknown) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
      return contents
    },
    setWindowOpenHandler: (handler: (details: unknown) => unknown) => void (openHandler = handler),
  }
  guardWebContents(contents as never, urls, silentLogger)
  const emit = (name: string, url: string) => {
    let prevented = false
    for (const listener of listeners.get(name) ?? [])
      listener({ url, preventDefault: () => (prevented = true) })
    return prevented
  }
  return {
    listeners,
    emit,
    open: (url: string) => openHandler?.({ url, disposition: 'new-window' }),
  }
}

test('navigations and redirects away from the app are cancelled, in every frame', () => {
  const { listeners, emit } = fakeContents()
  for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    assert.equal(listeners.get(name)?.length, 1, name)
    for (const url of foreign) assert.equal(emit(name, url), true, `${name} ${url}`)
    assert.equal(emit(name, `${appFileUrl}#/patients`), false, name)
    assert.equal(emit(name, 'http://localhost:5173/'), false, name)
  }
})

test('new windows are always denied, app URLs included, and webviews never attach', () => {
  const { emit, open } = fakeContents()
  for (const url of [...foreign, appFileUrl, 'https://www.who.int/']) {
    assert.deepEqual(open(url), { action: 'deny' }, url)
  }
  assert.equal(emit('will-attach-webview', appFileUrl), true)
})

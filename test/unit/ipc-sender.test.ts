import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Envelope } from '../../electron/node/api/client.ts'
import type { Dispatch } from '../../electron/node/api/dispatch.ts'
import { ChainUnreachableError } from '../../electron/node/errors.ts'
import { EVENT_CHANNEL } from '../../electron/main/channels.ts'
import { createEventPusher, createInvokeHandler } from '../../electron/main/ipc-handlers.ts'
import {
  isTrustedSender,
  type AppUrlOptions,
  type SenderFrame,
} from '../../electron/main/url-policy.ts'

const appFileUrl = 'file:///opt/emr/resources/app.asar/out/renderer/index.html'
const urls: AppUrlOptions = { appFileUrl, devServerUrl: 'http://localhost:5173' }

/** A fake of Electron's WebFrameMain with just what the check reads. */
function frame(
  url: string,
  {
    parent = null,
    destroyed = false,
    detached = false,
  }: Partial<{ parent: object | null; destroyed: boolean; detached: boolean }> = {},
): SenderFrame {
  return { url, parent, detached, isDestroyed: () => destroyed }
}

const disposed: SenderFrame = {
  get url(): string {
    throw new Error('Render frame was disposed before WebFrameMain could be accessed')
  },
  parent: null,
  isDestroyed: () => false,
}
const throwsOnIsDestroyed: SenderFrame = {
  url: appFileUrl,
  parent: null,
  isDestroyed: () => {
    throw new Error('Object has been destroyed')
  },
}

const top = frame(appFileUrl)
const trusted: SenderFrame[] = [
  top,
  frame(`${appFileUrl}#/patients`),
  frame('http://localhost:5173/'),
]
const untrusted: [string, SenderFrame | null | undefined][] = [
  ['no frame (navigated away)', null],
  ['undefined frame', undefined],
  ['subframe on an app URL', frame(appFileUrl, { parent: top })],
  ['subframe on the dev server', frame('http://localhost:5173/', { parent: top })],
  ['top frame on another site', frame('https://evil.example/')],
  ['top frame on another file', frame('file:///etc/passwd')],
  ['top frame on about:blank', frame('about:blank')],
  ['top frame on a data: URL', frame('data:text/html,<script>alert(1)</script>')],
  ['top frame on another dev port', frame('http://localhost:5174/')],
  ['destroyed frame', frame(appFileUrl, { destroyed: true })],
  ['detached frame', frame(appFileUrl, { detached: true })],
  ['frame whose getters throw', disposed],
  ['frame whose isDestroyed throws', throwsOnIsDestroyed],
]

test('the top frame on an app URL is a trusted sender', () => {
  for (const sender of trusted) assert.equal(isTrustedSender(sender, urls), true, sender.url)
})

test('subframes, other URLs and dead frames are not', () => {
  for (const [label, sender] of untrusted) assert.equal(isTrustedSender(sender, urls), false, label)
})

function recordingDispatch(answer: Envelope = { ok: true, value: 'ok' }) {
  const calls: [string, unknown][] = []
  const dispatch: Dispatch = async (method, input) => {
    calls.push([method, input])
    return answer
  }
  return { calls, dispatch }
}

test('a trusted sender reaches the dispatcher and gets its envelope back', async () => {
  const { calls, dispatch } = recordingDispatch({ ok: true, value: { height: 7 } })
  const handle = createInvokeHandler(dispatch, (sender: SenderFrame) =>
    isTrustedSender(sender, urls),
  )
  const envelope = await handle(top, 'node.status', { verbose: true })
  assert.deepEqual(envelope, { ok: true, value: { height: 7 } })
  assert.deepEqual(calls, [['node.status', { verbose: true }]])
})

test('an untrusted sender gets UnauthorizedError and never reaches the dispatcher', async () => {
  const { calls, dispatch } = recordingDispatch()
  const handle = createInvokeHandler(dispatch, (sender: SenderFrame | null | undefined) =>
    isTrustedSender(sender, urls),
  )
  for (const [label, sender] of untrusted) {
    const envelope = await handle(sender, 'settings.update', { language: 'en' })
    assert.equal(envelope.ok, false, label)
    assert.equal(envelope.ok === false && envelope.error.name, 'UnauthorizedError', label)
    assert.equal(envelope.ok === false && envelope.error.code, 'ERR_UNAUTHORIZED', label)
  }
  assert.deepEqual(calls, [])
})

test('a trust check that throws is a refusal', async () => {
  const { calls, dispatch } = recordingDispatch()
  const handle = createInvokeHandler(dispatch, () => {
    throw new Error('sender is gone')
  })
  const envelope = await handle({}, 'node.status', undefined)
  assert.equal(envelope.ok === false && envelope.error.code, 'ERR_UNAUTHORIZED')
  assert.deepEqual(calls, [])
})

test('a method that is not a string is refused before dispatch', async () => {
  const { calls, dispatch } = recordingDispatch()
  const handle = createInvokeHandler(dispatch, () => true)
  for (const method of [
    undefined,
    null,
    42,
    {},
    ['node.status'],
    { toString: () => 'node.status' },
  ]) {
    const envelope = await handle({}, method, undefined)
    assert.equal(envelope.ok === false && envelope.error.code, 'ERR_UNKNOWN_METHOD')
  }
  assert.deepEqual(calls, [])
})

test('the handler never throws: dispatcher failures become typed envelopes', async () => {
  const typed = createInvokeHandler(
    async () => {
      throw new ChainUnreachableError()
    },
    () => true,
  )
  assert.deepEqual(await typed({}, 'node.status', undefined), {
    ok: false,
    error: new ChainUnreachableError().toJSON(),
  })
  const unexpected = createInvokeHandler(
    async () => {
      throw new Error('secret internals /home/admin/.ssh')
    },
    () => true,
  )
  const envelope = await unexpected({}, 'node.status', undefined)
  assert.equal(envelope.ok === false && envelope.error.code, 'ERR_INTERNAL')
  assert.doesNotMatch(JSON.stringify(envelope), /secret internals/)
})

function pushTarget(url: string, { destroyed = false } = {}) {
  const sent: unknown[][] = []
  const target = {
    isDestroyed: () => destroyed,
    get mainFrame() {
      if (destroyed) throw new Error('Object has been destroyed')
      return { ...frame(url), send: (...args: unknown[]) => void sent.push(args) }
    },
  }
  return { sent, target }
}

test('node events are pushed to the window only while it shows an app page', () => {
  const ours = pushTarget(appFileUrl)
  createEventPusher(ours.target, urls)('block', { height: 3 })
  assert.deepEqual(ours.sent, [[EVENT_CHANNEL, 'block', { height: 3 }]])

  const foreign = pushTarget('https://evil.example/')
  createEventPusher(foreign.target, urls)('block', { height: 3 })
  assert.deepEqual(foreign.sent, [])

  const closed = pushTarget(appFileUrl, { destroyed: true })
  assert.doesNotThrow(() =>
    createEventPusher(closed.target, urls)('progress', { operationId: 'x', phase: 'y' }),
  )
  assert.deepEqual(closed.sent, [])
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createClient, type Envelope } from '../../electron/node/api/client.ts'
import { methodNames } from '../../electron/node/api/spec.ts'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/main/channels.ts'
import { bridgeSafe } from '../../electron/preload/bridge-safe.ts'
import { createIpcTransport, type IpcRendererLike } from '../../electron/preload/ipc-transport.ts'

type EventListener = (event: unknown, ...args: unknown[]) => void

/** A fake ipcRenderer: records invokes, answers from `answer`, and lets the test push events. */
function fakeIpc(answer: (method: unknown, input: unknown) => Promise<unknown>) {
  const invokes: unknown[][] = []
  const listeners: [string, EventListener][] = []
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => {
      invokes.push([channel, ...args])
      return answer(args[0], args[1])
    },
    on: (channel, listener) => listeners.push([channel, listener]),
  }
  const ipcEvent = { sender: 'the ipcRenderer itself', senderId: 0, ports: [] }
  const push = (...args: unknown[]) => {
    for (const [channel, listener] of listeners)
      if (channel === EVENT_CHANNEL) listener(ipcEvent, ...args)
  }
  return { ipc, invokes, listeners, push, ipcEvent }
}

test('invoke goes out on the invoke channel and returns the envelope', async () => {
  const { ipc, invokes } = fakeIpc(async () => ({ ok: true, value: 1 }))
  const envelope = await createIpcTransport(ipc).invoke('settings.update', { language: 'zh-TW' })
  assert.deepEqual(envelope, { ok: true, value: 1 })
  assert.deepEqual(invokes, [[INVOKE_CHANNEL, 'settings.update', { language: 'zh-TW' }]])
})

test('an IPC failure becomes an InternalError envelope, never a throw', async () => {
  const { ipc } = fakeIpc(async () => {
    throw new Error("Error invoking remote method 'emr:invoke': An object could not be cloned.")
  })
  const envelope = await createIpcTransport(ipc).invoke('node.status', undefined)
  assert.equal(envelope.ok === false && envelope.error.code, 'ERR_INTERNAL')
})

test('subscribers get the payload only, never the IPC event, on one shared listener', () => {
  const { ipc, listeners, push, ipcEvent } = fakeIpc(async () => null)
  const transport = createIpcTransport(ipc)
  const blocks: unknown[][] = []
  const progress: unknown[][] = []
  const offBlock = transport.subscribe('block', (...args) => void blocks.push(args))
  transport.subscribe('progress', (...args) => void progress.push(args))
  transport.subscribe('block', () => {})
  assert.equal(listeners.length, 1)

  push('block', { height: 9 })
  push('progress', { operationId: 'op', phase: 'mined' })
  push('not-an-event', { height: 1 })
  push({ toString: () => 'block' }, { height: 1 })
  assert.deepEqual(blocks, [[{ height: 9 }]])
  assert.deepEqual(progress, [[{ operationId: 'op', phase: 'mined' }]])
  for (const args of [...blocks, ...progress]) assert.ok(!(args as unknown[]).includes(ipcEvent))

  offBlock()
  offBlock()
  push('block', { height: 10 })
  assert.equal(blocks.length, 1)
})

test('the same function subscribed twice is two subscriptions', () => {
  const { ipc, push } = fakeIpc(async () => null)
  const transport = createIpcTransport(ipc)
  const seen: unknown[] = []
  const listener = (payload: unknown) => void seen.push(payload)
  const first = transport.subscribe('block', listener)
  transport.subscribe('block', listener)
  push('block', 1)
  first()
  push('block', 2)
  assert.deepEqual(seen, [1, 1, 2])
})

test('a failing subscriber does not starve the others', (t) => {
  const logged = t.mock.method(console, 'error', () => {})
  const { ipc, push } = fakeIpc(async () => null)
  const transport = createIpcTransport(ipc)
  const seen: unknown[] = []
  transport.subscribe('block', () => {
    throw new Error('component bug')
  })
  transport.subscribe('block', (payload) => void seen.push(payload))
  push('block', { height: 1 })
  assert.deepEqual(seen, [{ height: 1 }])
  assert.equal(logged.mock.callCount(), 1)
})

test('unknown events and non-function listeners are refused with typed errors', () => {
  const { ipc, listeners } = fakeIpc(async () => null)
  const transport = createIpcTransport(ipc)
  for (const event of ['blocks', '__proto__', 'constructor', '']) {
    assert.throws(
      () => transport.subscribe(event as 'block', () => {}),
      { name: 'InvalidInputError' },
      event,
    )
  }
  assert.throws(() => transport.subscribe('block', 'alert(1)' as never), {
    name: 'InvalidInputError',
  })
  assert.equal(listeners.length, 0)
})

test('the exposed api has one function per spec method, plus on()', () => {
  const { ipc } = fakeIpc(async () => ({ ok: true, value: null }))
  const emr = bridgeSafe(createClient(createIpcTransport(ipc))) as unknown as Record<
    string,
    Record<string, unknown>
  >
  for (const method of methodNames) {
    const [namespace, member] = method.split('.') as [string, string]
    assert.equal(typeof emr[namespace]?.[member], 'function', method)
  }
  assert.equal(typeof emr.on, 'function')
})

test('calls resolve with the value, and reject with a plain error object the bridge keeps whole', async () => {
  const answers: Record<string, Envelope> = {
    'node.status': { ok: true, value: { version: '0.1.0' } },
    'settings.update': {
      ok: false,
      error: { name: 'InvalidSettingsError', code: 'ERR_INVALID_SETTINGS', message: 'bad peer' },
    },
  }
  const { ipc } = fakeIpc(async (method) => answers[method as string])
  const emr = bridgeSafe(createClient(createIpcTransport(ipc)))

  assert.deepEqual(await emr.node.status(), { version: '0.1.0' })
  const rejection: unknown = await emr.settings.update({ language: 'en' }).then(
    () => assert.fail('should reject'),
    (error: unknown) => error,
  )
  // contextBridge would keep only the message of an Error; a plain object crosses whole.
  assert.ok(!(rejection instanceof Error))
  assert.equal(Object.getPrototypeOf(rejection), Object.prototype)
  assert.ok(Object.isFrozen(rejection))
  assert.deepEqual(rejection, {
    name: 'InvalidSettingsError',
    code: 'ERR_INVALID_SETTINGS',
    message: 'bad peer',
  })
})

test('a non-api failure inside a call still rejects with a typed, bridge-safe object', async () => {
  const emr = bridgeSafe({
    node: {
      status: async () => {
        throw new TypeError('internal detail')
      },
    },
    on: () => () => {},
  } as never) as unknown as { node: { status(): Promise<unknown> } }
  await assert.rejects(emr.node.status(), (error: unknown) => {
    assert.deepEqual(error, {
      name: 'InternalError',
      code: 'ERR_INTERNAL',
      message: 'Internal error',
    })
    return true
  })
})

test('on() through the exposed api returns a working unsubscribe', () => {
  const { ipc, push } = fakeIpc(async () => null)
  const emr = bridgeSafe(createClient(createIpcTransport(ipc)))
  const heights: number[] = []
  const off = emr.on('block', ({ height }) => void heights.push(height))
  push('block', { height: 1 })
  off()
  push('block', { height: 2 })
  assert.deepEqual(heights, [1])
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createBeforeQuitHandler, createShutdown } from '../../electron/main/shutdown.ts'
import { describeStartupFailure } from '../../electron/main/startup-failure.ts'
import {
  ChainUnreachableError,
  DataFolderLockedError,
  InvalidSettingsError,
  InvalidSwarmKeyError,
} from '../../electron/node/errors.ts'
import { silentLogger } from '../../electron/node/log.ts'

const quitEvent = () => {
  const event = { prevented: 0, preventDefault: () => void event.prevented++ }
  return event
}

test('before-quit holds the quit once, stops the node once, then quits', async () => {
  let stops = 0
  let quits = 0
  const shutdown = createShutdown(async () => void stops++, { timeoutMs: 1000, log: silentLogger })
  const beforeQuit = createBeforeQuitHandler(shutdown, () => quits++)

  const first = quitEvent()
  beforeQuit(first)
  assert.equal(first.prevented, 1)
  assert.equal(shutdown.requested, true)
  const again = quitEvent()
  beforeQuit(again)
  assert.equal(again.prevented, 1)

  await shutdown.run()
  await Promise.resolve()
  assert.equal(stops, 1)
  assert.equal(shutdown.done, true)
  assert.ok(quits >= 1)

  const final = quitEvent()
  beforeQuit(final)
  assert.equal(final.prevented, 0)
})

test('a node that never stops does not keep the app from quitting', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] })
  const warnings: string[] = []
  const log = { ...silentLogger, warn: (message: string) => void warnings.push(message) }
  const shutdown = createShutdown(() => new Promise(() => {}), { timeoutMs: 15_000, log })
  const running = shutdown.run()
  t.mock.timers.tick(14_999)
  await Promise.resolve()
  assert.equal(shutdown.done, false)
  t.mock.timers.tick(1)
  await running
  assert.equal(shutdown.done, true)
  assert.equal(warnings.length, 1)
})

test('a failing stop is logged and still ends the shutdown', async () => {
  const errors: string[] = []
  const log = { ...silentLogger, error: (message: string) => void errors.push(message) }
  const shutdown = createShutdown(
    async () => {
      throw new Error('blockstore close failed')
    },
    { timeoutMs: 1000, log },
  )
  await shutdown.run()
  assert.equal(shutdown.done, true)
  assert.equal(errors.length, 1)
  assert.equal(shutdown.run(), shutdown.run())
})

test('start-up failures show the typed message, code and data folder', () => {
  const dataDir = '/home/clinic/.config/EMR Node'
  for (const error of [
    new DataFolderLockedError(),
    new InvalidSwarmKeyError(),
    new ChainUnreachableError(),
    new InvalidSettingsError('Settings in /x/settings.json are invalid: chain.mode'),
  ]) {
    const { title, content } = describeStartupFailure(error, dataDir)
    assert.match(title, /could not start/)
    assert.ok(content.includes(error.message), error.name)
    assert.ok(content.includes(`Error code: ${error.code}`), error.name)
    assert.ok(content.includes(dataDir), error.name)
  }
  const unexpected = describeStartupFailure(new Error('EACCES: permission denied'), dataDir)
  assert.match(unexpected.content, /EACCES: permission denied/)
  assert.match(unexpected.content, /Error code: ERR_INTERNAL/)
  assert.match(describeStartupFailure('a string', dataDir).content, /a string/)
})

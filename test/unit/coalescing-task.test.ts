import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CoalescingTask } from '../../electron/node/coalescing-task.ts'

/** A task whose runs wait for the test to finish them, recording what each saw at its start. */
function gatedTask(read: () => string) {
  const seen: string[] = []
  const gates: (() => void)[] = []
  let active = 0
  let overlapped = false
  const task = new CoalescingTask(async () => {
    const value = read()
    seen.push(value)
    overlapped ||= ++active > 1
    await new Promise<void>((resolve) => gates.push(resolve))
    active--
    if (value === 'fail') throw new Error('run failed')
    return value
  })
  const finishNext = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve))
    gates.shift()!()
  }
  return { task, seen, finishNext, overlapped: () => overlapped }
}

test('a request during a run is served by a run that sees the state after the request', async () => {
  let signedIn = 'technician'
  const { task, seen, finishNext } = gatedTask(() => signedIn)
  const stale = task.run()
  signedIn = 'administrator'
  const fresh = task.run()
  await finishNext()
  assert.equal(await stale, 'technician')
  await finishNext()
  assert.equal(await fresh, 'administrator')
  assert.deepEqual(seen, ['technician', 'administrator'])
})

test('many requests during one run queue exactly one more run, and runs never overlap', async () => {
  const { task, seen, finishNext, overlapped } = gatedTask(() => 'state')
  const first = task.run()
  const queued = [task.run(), task.run(), task.run()]
  assert.equal(new Set(queued).size, 1)
  await finishNext()
  await first
  await finishNext()
  await Promise.all(queued)
  assert.equal(seen.length, 2)
  assert.equal(overlapped(), false)
})

test('a failed run rejects its own callers and still lets the queued run go', async () => {
  let state = 'fail'
  const { task, finishNext } = gatedTask(() => state)
  const failing = task.run()
  state = 'recovered'
  const next = task.run()
  await finishNext()
  await assert.rejects(failing, /run failed/)
  await finishNext()
  assert.equal(await next, 'recovered')
})

test('a task that throws before its first await rejects instead of throwing', async () => {
  const task = new CoalescingTask<number>(() => {
    throw new Error('no session')
  })
  await assert.rejects(task.run(), /no session/)
  await assert.rejects(task.run(), /no session/)
})

test('idle waits for the run in progress and the one queued behind it, failed or not', async () => {
  const { task, finishNext } = gatedTask(() => 'fail')
  const first = task.run().catch(() => 'failed')
  const second = task.run().catch(() => 'failed')
  let idle = false
  const waiting = task.idle().then(() => (idle = true))
  await finishNext()
  await first
  assert.equal(idle, false)
  await finishNext()
  await Promise.all([second, waiting])
  assert.equal(idle, true)
  await task.idle()
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ChainHealth, chainReach } from '../../electron/node/chain/chain-health.ts'
import { ChainUnreachableError, InternalError } from '../../electron/node/errors.ts'

test('an outage starts at the first failure, keeps its start and ends at the next answer', () => {
  const health = new ChainHealth()
  // Read through a function: an assertion on the getter would narrow its type for good.
  const outage = () => health.outage
  assert.equal(outage(), null)
  health.answered()
  const contact = health.lastContact
  health.failed(new ChainUnreachableError('first'))
  const since = outage()?.since
  health.failed(new ChainUnreachableError('second'))
  assert.equal(outage()?.since, since)
  assert.equal(outage()?.lastError, 'second')
  assert.equal(outage()?.code, 'ERR_CHAIN_UNREACHABLE')
  assert.equal(health.lastContact, contact)
  health.answered()
  assert.equal(outage(), null)
})

test('the last time the chain reported a head no higher than a height', () => {
  const health = new ChainHealth()
  assert.equal(health.lastSeenAtOrBelow(10), null)
  health.sawHead(10)
  const atTen = health.lastSeenAtOrBelow(10)
  assert.ok(atTen)
  health.sawHead(11)
  // A copy of the chain up to block 10 was complete until the chain reported 11.
  assert.equal(health.lastSeenAtOrBelow(10), atTen)
  assert.ok(health.lastSeenAtOrBelow(11)! >= atTen)
  assert.equal(health.lastSeenAtOrBelow(9), null)
})

test('only the newest heads are remembered', () => {
  const health = new ChainHealth()
  for (let head = 1; head <= 40; head++) health.sawHead(head)
  assert.equal(health.lastSeenAtOrBelow(20), null)
  assert.ok(health.lastSeenAtOrBelow(30))
})

test("the status's chain part: the head, or the last indexed block with the outage", async () => {
  const health = new ChainHealth()
  const indexer = { nextBlock: 8 }
  const up = { provider: { getBlockNumber: async () => 9 }, health, indexer }
  assert.deepEqual(await chainReach(up), { blockHeight: 9, outage: null })

  const outage = new ChainUnreachableError('The chain at http://127.0.0.1:1 cannot be reached')
  health.failed(outage)
  const down = {
    provider: {
      getBlockNumber: async () => {
        throw outage
      },
    },
    health,
    indexer,
  }
  const reach = await chainReach(down)
  assert.equal(reach.blockHeight, 7)
  assert.equal(reach.outage?.lastError, outage.message)
  assert.equal(reach.outage?.lastContactAt, null)

  // Anything else is a failure of the status, as before.
  const broken = {
    ...down,
    provider: { getBlockNumber: () => Promise.reject(new InternalError()) },
  }
  await assert.rejects(chainReach(broken), { code: 'ERR_INTERNAL' })
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  heightsToRemember,
  IndexedBlocks,
  REMEMBERED_BLOCKS,
} from '../../electron/node/chain/indexed-blocks.ts'
import { openDatabase } from '../../electron/node/db/database.ts'

test('a batch remembers its last block and those among the newest below the head', () => {
  // A catch-up batch far from the head: only its last block.
  assert.deepEqual(heightsToRemember(0, 1_999, 10_000), [1_999])
  // One new block.
  assert.deepEqual(heightsToRemember(501, 501, 501), [501])
  // The batch that reaches the head: its blocks within the newest REMEMBERED_BLOCKS.
  const tail = heightsToRemember(8_000, 9_999, 9_999)
  assert.equal(tail.length, REMEMBERED_BLOCKS)
  assert.equal(Math.min(...tail), 9_999 - REMEMBERED_BLOCKS + 1)
  // A short chain: every block.
  assert.deepEqual(
    heightsToRemember(0, 3, 3).sort((a, b) => a - b),
    [0, 1, 2, 3],
  )
})

test('only the newest remembered blocks are kept, and a rollback forgets those above it', () => {
  const blocks = new IndexedBlocks(openDatabase(':memory:'))
  for (let height = 0; height < 100; height++) {
    blocks.remember(new Map([[height, `0x${height.toString(16).padStart(64, '0')}`]]))
  }
  const kept = blocks.newestFirst().map((block) => block.blockNumber)
  assert.equal(kept.length, REMEMBERED_BLOCKS)
  assert.deepEqual(kept.slice(0, 2), [99, 98])
  assert.equal(kept.at(-1), 100 - REMEMBERED_BLOCKS)
  blocks.forgetAfter(90)
  assert.equal(blocks.newestFirst()[0]!.blockNumber, 90)
})

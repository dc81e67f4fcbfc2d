import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { openRepo } from '../../electron/node/ipfs/repo.ts'

async function rawBlock(size: number): Promise<{ cid: CID; bytes: Uint8Array }> {
  const bytes = randomBytes(size)
  return { cid: CID.createV1(raw.code, await sha256.digest(bytes)), bytes }
}

describe('IPFS repo size', () => {
  let dir: string
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'emr-repo-'))
  })
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('counts new blocks once, subtracts deleted ones, and agrees with a fresh walk', async () => {
    const repo = await openRepo(dir)
    const { blockstore } = repo
    assert.equal(blockstore.sizeBytes, 0)
    const first = await rawBlock(1_000)
    const second = await rawBlock(2_500)
    await Promise.all([
      blockstore.put(first.cid, first.bytes),
      blockstore.put(first.cid, first.bytes),
      blockstore.put(second.cid, [second.bytes.subarray(0, 500), second.bytes.subarray(500)]),
    ])
    assert.equal(blockstore.sizeBytes, 3_500)
    await blockstore.put(first.cid, first.bytes)
    assert.equal(blockstore.sizeBytes, 3_500)
    await blockstore.delete(first.cid)
    await blockstore.delete(first.cid)
    assert.equal(blockstore.sizeBytes, 2_500)
    await repo.close()

    const reopened = await openRepo(dir)
    assert.equal(reopened.blockstore.sizeBytes, 2_500)
    await reopened.close()
  })
})

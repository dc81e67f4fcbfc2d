import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { importFile } from 'ipfs-unixfs-importer'
import { fixedSize } from 'ipfs-unixfs-importer/chunker'
import { balanced } from 'ipfs-unixfs-importer/layout'
import { sha256 } from 'multiformats/hashes/sha2'
import type { CID } from 'multiformats/cid'
import { hashWorker } from '../../electron/node/crypto/hash-worker.ts'
import {
  BlockBuffers,
  ownedBlocks,
  workerLeafImporter,
} from '../../electron/node/ipfs/leaf-importer.ts'

const BLOCK = 1024 * 1024

/** A blockstore in a map, keeping a copy of each block as it was put. */
function memoryBlockstore() {
  const blocks = new Map<string, Uint8Array>()
  return {
    blocks,
    async put(cid: CID, bytes: Uint8Array) {
      blocks.set(cid.toString(), Uint8Array.from(bytes))
      return cid
    },
  }
}

async function* chunks(bytes: Uint8Array, size: number) {
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield bytes.subarray(offset, offset + size)
  }
}

/** The settings @helia/unixfs adds files with, as `addStream` does. */
const settings = {
  cidVersion: 1 as const,
  rawLeaves: true,
  layout: balanced({ maxChildrenPerNode: 1024 }),
}

describe('pipelined leaf importer', () => {
  for (const size of [0, 1, 1000, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 12345]) {
    it(`builds the same DAG as the importer's own leaves for ${size} bytes`, async () => {
      const bytes = randomBytes(size)
      const expected = memoryBlockstore()
      const { cid: expectedCid } = await importFile({ content: chunks(bytes, 65_536) }, expected, {
        ...settings,
        chunker: fixedSize({ chunkSize: BLOCK }),
      })
      const actual = memoryBlockstore()
      const buffers = new BlockBuffers(BLOCK)
      const { cid } = await importFile({ content: chunks(bytes, 300_000) }, actual, {
        ...settings,
        chunker: ownedBlocks(buffers),
        bufferImporter: workerLeafImporter(buffers),
      })
      assert.equal(cid.toString(), expectedCid.toString())
      assert.deepEqual([...actual.blocks.keys()].sort(), [...expected.blocks.keys()].sort())
      for (const [key, block] of actual.blocks) assert.deepEqual(block, expected.blocks.get(key))
    })
  }

  it('fails the import when the source fails, without unhandled rejections', async () => {
    const buffers = new BlockBuffers(BLOCK)
    async function* failing() {
      yield randomBytes(2.5 * BLOCK)
      throw new Error('source broke')
    }
    await assert.rejects(
      importFile({ content: failing() }, memoryBlockstore(), {
        ...settings,
        chunker: ownedBlocks(buffers),
        bufferImporter: workerLeafImporter(buffers),
      }),
      /source broke/,
    )
  })
})

describe('SHA-256 worker', () => {
  it('hashes a block and hands the same bytes back', async () => {
    const bytes = randomBytes(BLOCK)
    const expected = createHash('sha256').update(bytes).digest()
    const sent = Uint8Array.from(bytes)
    const { digest, bytes: back } = await hashWorker.digest(sent)
    assert.deepEqual(digest, expected)
    assert.deepEqual(Buffer.from(back), bytes)
    assert.equal(sent.byteLength, 0, 'the caller no longer holds the transferred buffer')
    assert.deepEqual((await sha256.digest(bytes)).digest, Uint8Array.from(digest))
  })

  it('hashes a stream of any chunking, leaving the caller its chunks', async () => {
    const bytes = randomBytes(20 * BLOCK + 7)
    const hash = hashWorker.stream()
    let offset = 0
    for (const size of [1, BLOCK - 1, 3 * BLOCK, 5, 4 * BLOCK, 100, 20 * BLOCK]) {
      const chunk = bytes.subarray(offset, offset + size)
      await hash.update(chunk)
      assert.equal(chunk.length, Math.min(size, bytes.length - offset), 'the chunk is still usable')
      offset += chunk.length
    }
    assert.deepEqual(await hash.digest(), createHash('sha256').update(bytes).digest())
  })

  it('hashes streams side by side without mixing them', async () => {
    const [a, b] = [randomBytes(3 * BLOCK), randomBytes(2 * BLOCK + 1)]
    const [ha, hb] = [hashWorker.stream(), hashWorker.stream()]
    await Promise.all([ha.update(a), hb.update(b)])
    assert.deepEqual(await hb.digest(), createHash('sha256').update(b).digest())
    assert.deepEqual(await ha.digest(), createHash('sha256').update(a).digest())
    assert.deepEqual(await hashWorker.stream().digest(), createHash('sha256').digest())
  })
})

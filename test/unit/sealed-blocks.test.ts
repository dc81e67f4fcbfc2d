import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { importFile } from 'ipfs-unixfs-importer'
import { balanced } from 'ipfs-unixfs-importer/layout'
import type { CID } from 'multiformats/cid'
import { hashWorker, sealWorkers } from '../../electron/node/crypto/crypto-worker.ts'
import { sealIntoBlocks } from '../../electron/node/crypto/sealed-blocks.ts'
import {
  decryptBytes,
  generateKey,
  HEADER_SIZE,
  planStream,
  TAG_SIZE,
} from '../../electron/node/crypto/segmented-cipher.ts'
import { hashedLeaves, type HashedBlock } from '../../electron/node/ipfs/leaf-importer.ts'

const S = 1024
const KEY = generateKey()
const AAD = Buffer.from('record binding')

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

/** The sealed blocks of `plaintext`, each copied and released at once, as a writer would. */
async function sealAll(plaintext: Uint8Array, chunkSize = 700) {
  const blocks: { bytes: Buffer; digest: Buffer }[] = []
  for await (const block of sealIntoBlocks(chunks(plaintext, chunkSize), KEY, {
    segmentSize: S,
    aad: AAD,
  })) {
    blocks.push({ bytes: Buffer.from(block.bytes), digest: Buffer.from(block.digest) })
    block.release()
  }
  return blocks
}

/** The settings @helia/unixfs adds files with, as `addBlocks` does. */
const settings = {
  cidVersion: 1 as const,
  rawLeaves: true,
  layout: balanced({ maxChildrenPerNode: 1024 }),
}

describe('sealed blocks', () => {
  for (const size of [0, 1, 1000, S - 1, S, S + 1, 3 * S, 40 * S + 123]) {
    it(`seals ${size} bytes into blocks of one segment each that decrypt back`, async () => {
      const plaintext = randomBytes(size)
      const blocks = await sealAll(plaintext)
      const segments = Math.max(1, Math.ceil(size / S))
      assert.equal(blocks.length, segments)
      blocks.forEach(({ bytes, digest }, i) => {
        const full = i < segments - 1 ? S : size - (segments - 1) * S
        assert.equal(bytes.length, (i === 0 ? HEADER_SIZE : 0) + full + TAG_SIZE)
        assert.deepEqual(digest, createHash('sha256').update(bytes).digest())
      })
      const stream = Buffer.concat(blocks.map((b) => b.bytes))
      assert.deepEqual(await decryptBytes(stream, KEY, AAD), plaintext)
    })
  }

  it('gives every stream its own nonce prefix', async () => {
    const plaintext = randomBytes(10)
    const [a] = await sealAll(plaintext)
    const [b] = await sealAll(plaintext)
    assert.notDeepEqual(a!.bytes.subarray(0, HEADER_SIZE), b!.bytes.subarray(0, HEADER_SIZE))
  })

  it('fails on a source that yields strings or breaks, with no unhandled rejection', async () => {
    async function* strings() {
      yield 'text' as unknown as Uint8Array
    }
    await assert.rejects(sealAll0(strings()), { code: 'ERR_INVALID_INPUT' })
    async function* breaking() {
      yield randomBytes(5 * S)
      throw new Error('source broke')
    }
    await assert.rejects(sealAll0(breaking()), /source broke/)
  })

  it('refuses a key that is not 32 bytes before reading anything', async () => {
    await assert.rejects(sealIntoBlocks(chunks(randomBytes(1), 1), randomBytes(16)).next(), {
      code: 'ERR_INVALID_INPUT',
    })
  })
})

async function sealAll0(source: AsyncIterable<Uint8Array>) {
  for await (const block of sealIntoBlocks(source, KEY, { segmentSize: S })) block.release()
}

describe('hashed leaves import', () => {
  for (const size of [0, 1000, S + 1, 3 * S + 5, 1100 * S]) {
    it(`builds the same DAG as the importer's own leaves for ${size} bytes`, async () => {
      const blocks = await sealAll(randomBytes(size), 4096)
      const expected = memoryBlockstore()
      const { cid: expectedCid } = await importFile(
        { content: blocks.map((b) => b.bytes) },
        expected,
        { ...settings, chunker: (source) => source },
      )
      const actual = memoryBlockstore()
      let released = 0
      const leaves = hashedLeaves(
        (async function* (): AsyncGenerator<HashedBlock> {
          for (const block of blocks) yield { ...block, release: () => released++ }
        })(),
      )
      const result = await importFile({ content: leaves.content }, actual, {
        ...settings,
        chunker: leaves.chunker,
        bufferImporter: leaves.bufferImporter,
      })
      assert.equal(result.cid.toString(), expectedCid.toString())
      assert.deepEqual([...actual.blocks.keys()].sort(), [...expected.blocks.keys()].sort())
      for (const [key, block] of actual.blocks) assert.deepEqual(block, expected.blocks.get(key))
      assert.equal(released, blocks.length - 1, 'every block but the first is released')
    })
  }
})

describe('crypto workers', () => {
  it('seal a segment into a block after a prefix, hash it, and hand both buffers back', async () => {
    const plan = planStream({ segmentSize: S, aad: AAD })
    const plaintext = Uint8Array.from(randomBytes(S))
    const expected = Buffer.from(plaintext)
    const block = new Uint8Array(HEADER_SIZE + S + TAG_SIZE + 100)
    const sealed = await sealWorkers[0]!.seal({
      key: KEY,
      nonce: plan.nonce(0, true),
      aad: plan.aad,
      prefix: plan.header,
      plaintext,
      block,
    })
    assert.equal(plaintext.byteLength, 0, 'the caller no longer holds the transferred buffers')
    assert.equal(block.byteLength, 0)
    assert.deepEqual(Buffer.from(sealed.plaintext), expected)
    assert.equal(sealed.bytes.length, HEADER_SIZE + S + TAG_SIZE)
    assert.deepEqual(sealed.digest, createHash('sha256').update(sealed.bytes).digest())
    assert.deepEqual(await decryptBytes(sealed.bytes, KEY, AAD), expected)
  })

  it('hash a stream of any chunking, leaving the caller its chunks', async () => {
    const MIB = 1024 * 1024
    const bytes = randomBytes(20 * MIB + 7)
    const hash = hashWorker.stream()
    let offset = 0
    for (const size of [1, MIB - 1, 3 * MIB, 5, 4 * MIB, 100, 20 * MIB]) {
      const chunk = bytes.subarray(offset, offset + size)
      await hash.update(chunk)
      assert.equal(chunk.length, Math.min(size, bytes.length - offset), 'the chunk is still usable')
      offset += chunk.length
    }
    assert.deepEqual(await hash.digest(), createHash('sha256').update(bytes).digest())
  })

  it('hash streams side by side without mixing them', async () => {
    const [a, b] = [randomBytes(3 * S), randomBytes(2 * S + 1)]
    const [ha, hb] = [hashWorker.stream(), hashWorker.stream()]
    await Promise.all([ha.update(a), hb.update(b)])
    assert.deepEqual(await hb.digest(), createHash('sha256').update(b).digest())
    assert.deepEqual(await ha.digest(), createHash('sha256').update(a).digest())
    assert.deepEqual(await hashWorker.stream().digest(), createHash('sha256').digest())
  })
})

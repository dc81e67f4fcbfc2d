/**
 * The UnixFS importer's leaf stage for large files, pipelined: each block is cut into a buffer of
 * its own, hashed for its CID on the worker thread while the main thread encrypts the next ones,
 * then written, and its buffer reused for a later block. The importer's default cuts blocks out
 * of a list of chunks (one more copy of every byte), and hashes and writes each batch of blocks
 * on the main thread only after producing it.
 */
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import * as Digest from 'multiformats/hashes/digest'
import { sha256 } from 'multiformats/hashes/sha2'
import { hashWorker } from '../crypto/hash-worker.ts'
import type { BufferImporter, BufferImporterResult } from 'ipfs-unixfs-importer'
import type { Chunker } from 'ipfs-unixfs-importer/chunker'

type Blockstore = Parameters<BufferImporter>[1]

/** Block buffers of one import: those whose block is written are handed out again. */
export class BlockBuffers {
  readonly #size: number
  readonly #free: ArrayBuffer[] = []

  constructor(size: number) {
    this.#size = size
  }

  take(): Uint8Array {
    return new Uint8Array(this.#free.pop() ?? new ArrayBuffer(this.#size))
  }

  give(block: Uint8Array): void {
    this.#free.push(block.buffer as ArrayBuffer)
  }
}

/**
 * Cuts a byte stream into blocks of exactly the buffers' size (the last one shorter), each in a
 * buffer of its own, so the leaf importer may transfer it to the worker.
 */
export function ownedBlocks(buffers: BlockBuffers): Chunker {
  return async function* (source) {
    let block = buffers.take()
    let filled = 0
    let emitted = false
    for await (const chunk of source) {
      for (let offset = 0; offset < chunk.length;) {
        const take = Math.min(block.length - filled, chunk.length - offset)
        block.set(chunk.subarray(offset, offset + take), filled)
        filled += take
        offset += take
        if (filled === block.length) {
          yield block
          emitted = true
          block = buffers.take()
          filled = 0
        }
      }
    }
    // An empty file is one empty leaf, as the importer's own chunker makes it.
    if (filled > 0 || !emitted) yield block.subarray(0, filled)
  }
}

/**
 * Raw leaves (CIDv1, sha2-256) hashed on the worker. Each block's work starts as soon as the
 * block is cut; the importer awaits the results in order, at most `blockWriteConcurrency` ahead,
 * which bounds the buffers in use. Use with `ownedBlocks` over the same buffers.
 */
export function workerLeafImporter(buffers: BlockBuffers): BufferImporter {
  return async function* (file, blockstore) {
    let index = 0
    for await (const block of file.content) {
      // The importer reads the first leaf's bytes back when the file is that one block: its
      // buffer is not reused. It drops the others' bytes as soon as it has their results.
      const leaf = persistLeaf(block, blockstore, index++ === 0 ? undefined : buffers)
      // The importer awaits every job it is given; this only keeps a job that fails before its
      // turn from being reported as unhandled meanwhile.
      leaf.catch(() => {})
      yield () => leaf
    }
  }
}

async function persistLeaf(
  block: Uint8Array,
  blockstore: Blockstore,
  reuse: BlockBuffers | undefined,
): Promise<BufferImporterResult> {
  const { digest, bytes } = await hashWorker.digest(block)
  const cid = CID.createV1(raw.code, Digest.create(sha256.code, digest))
  await blockstore.put(cid, bytes)
  reuse?.give(bytes)
  return { cid, size: BigInt(bytes.length), block: bytes }
}

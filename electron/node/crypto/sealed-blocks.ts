/**
 * Encrypts a plaintext stream straight into IPFS leaf blocks, one sealed segment per block (the
 * first block also holds the stream header): the blocks joined are exactly the stream
 * `encryptStream` writes, and a reader's every segment is one whole block, read without copying.
 *
 * Each segment is sealed and its block hashed on a worker (`sealWorkers`, in turn), up to
 * IN_FLIGHT at a time, and the blocks come out in order. The main thread only cuts the plaintext
 * into buffers, which come back from the workers to be reused, as do the blocks once released.
 */
import { sealWorkers, type SealedBlock } from './crypto-worker.ts'
import {
  HEADER_SIZE,
  KEY_SIZE,
  TAG_SIZE,
  planStream,
  type EncryptOptions,
} from './segmented-cipher.ts'
import { InvalidInputError } from '../errors.ts'
import type { HashedBlock } from '../ipfs/leaf-importer.ts'

/** Segments being sealed or waiting to be taken: enough to keep two workers and the writes busy. */
const IN_FLIGHT = 8

const EMPTY = new Uint8Array(0)

/** Buffers of one size, taken and given back. */
class BufferPool {
  readonly #size: number
  readonly #free: ArrayBuffer[] = []

  constructor(size: number) {
    this.#size = size
  }

  take(): Uint8Array {
    return new Uint8Array(this.#free.pop() ?? new ArrayBuffer(this.#size))
  }

  give(bytes: Uint8Array): void {
    this.#free.push(bytes.buffer as ArrayBuffer)
  }
}

export async function* sealIntoBlocks(
  source: AsyncIterable<Uint8Array>,
  key: Uint8Array,
  options: Omit<EncryptOptions, 'onProgress'> = {},
): AsyncGenerator<HashedBlock, void, undefined> {
  if (!(key instanceof Uint8Array) || key.length !== KEY_SIZE) {
    throw new InvalidInputError('The content key must be 32 bytes')
  }
  const plan = planStream(options)
  // Compact copies: a Buffer may be a view of an 8 KiB pool, which a message would copy whole.
  const job = {
    key: Uint8Array.from(key),
    aad: Uint8Array.from(plan.aad),
    header: Uint8Array.from(plan.header),
  }
  const plaintexts = new BufferPool(plan.segmentSize)
  const blocks = new BufferPool(HEADER_SIZE + plan.segmentSize + TAG_SIZE)
  const sealing: Promise<SealedBlock>[] = []
  const finished = async (): Promise<HashedBlock> => {
    const sealed = await sealing.shift()!
    plaintexts.give(sealed.plaintext)
    return { bytes: sealed.bytes, digest: sealed.digest, release: () => blocks.give(sealed.bytes) }
  }
  let counter = 0
  for await (const { plaintext, last } of segments(source, plaintexts, plan.segmentSize)) {
    const sealed = sealWorkers[counter % sealWorkers.length]!.seal({
      key: job.key,
      aad: job.aad,
      nonce: Uint8Array.from(plan.nonce(counter, last)),
      prefix: counter === 0 ? job.header : EMPTY,
      plaintext,
      block: blocks.take(),
    })
    // Awaited in order below; this only keeps a failure from being reported meanwhile.
    sealed.catch(() => {})
    sealing.push(sealed)
    counter++
    if (sealing.length >= IN_FLIGHT) yield await finished()
  }
  while (sealing.length > 0) yield await finished()
}

/**
 * Cuts the plaintext into segments of exactly `size` bytes (the last one 1..size, or empty when
 * the whole plaintext is), each in a buffer of its own. A full segment is held back until the
 * next byte or the end arrives, since its seal depends on whether it is the last.
 */
async function* segments(
  source: AsyncIterable<Uint8Array>,
  pool: BufferPool,
  size: number,
): AsyncGenerator<{ plaintext: Uint8Array; last: boolean }, void, undefined> {
  let current = pool.take()
  let filled = 0
  let full: Uint8Array | undefined
  for await (const chunk of source) {
    // Typed-array copies would silently turn a string chunk into zeros.
    if (!(chunk instanceof Uint8Array)) {
      throw new InvalidInputError('The stream must yield bytes (Uint8Array)')
    }
    for (let offset = 0; offset < chunk.length;) {
      if (full) {
        yield { plaintext: full, last: false }
        full = undefined
      }
      const take = Math.min(size - filled, chunk.length - offset)
      current.set(chunk.subarray(offset, offset + take), filled)
      filled += take
      offset += take
      if (filled === size) {
        full = current
        current = pool.take()
        filled = 0
      }
    }
  }
  if (full) {
    yield { plaintext: full, last: filled === 0 }
    if (filled === 0) return
  }
  yield { plaintext: current.subarray(0, filled), last: true }
}

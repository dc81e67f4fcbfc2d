/**
 * Streaming authenticated encryption of record content: AES-256-GCM over fixed-size segments,
 * in the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015; as in age and Tink), so
 * a 1 GiB DICOM study is sealed and verified a segment at a time and never sits in memory whole.
 *
 * Byte format, version 1 (all integers big-endian):
 *
 *     stream  = header || segment_0 || … || segment_(n-1)             n >= 1
 *     header  = "EMRS" (bytes 0-3, ASCII)
 *               || version = 0x01 (byte 4)
 *               || segment size S (bytes 5-8, u32; 1024 <= S <= 16 MiB; default 1 MiB)
 *               || nonce prefix (bytes 9-15, random, fresh for every stream)   16 bytes in all
 *     segment_i = AES-256-GCM(key, nonce_i, aad, plaintext_i) || tag_i (16 bytes)
 *     nonce_i = nonce prefix (7) || i (u32) || last flag (1: 0x01 on segment n-1, else 0x00)
 *     aad     = header (16 bytes) || caller's AAD (any length; may be empty)
 *
 * The plaintext is cut into segments of exactly S bytes; the last segment holds the remaining
 * 1..S bytes, and is empty only when the whole plaintext is (readers reject an empty last
 * segment after full ones, so each plaintext has one encoding). Every segment therefore seals S
 * bytes except the last, so the sealed sizes say where each segment ends, and a reader knows a
 * segment is the last one because the stream ends within S + 16 bytes of its start. Anything
 * else fails: the flag and counter in the nonce make the tag of a segment valid only at its own
 * position and with its own last-or-not status, so reordering, duplication, truncation (even at
 * a segment boundary) and appended data are all detected, and the header in the AAD binds the
 * segment size and nonce prefix. The caller's AAD is not stored: the reader supplies it again.
 *
 * Limits: at most 2^32 segments per stream (4 TiB at the smallest segment size). The 56-bit
 * random prefix keeps nonces unique across streams under one key only while streams per key stay
 * few (collision chance about n² / 2^57): each record version has its own key.
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { InvalidInputError, TamperedContentError } from '../errors.ts'

export const KEY_SIZE = 32
export const HEADER_SIZE = 16
export const TAG_SIZE = 16
export const MIN_SEGMENT_SIZE = 1024
export const MAX_SEGMENT_SIZE = 16 * 1024 * 1024
export const DEFAULT_SEGMENT_SIZE = 1024 * 1024

const MAGIC = Buffer.from('EMRS', 'ascii')
const VERSION = 1
const PREFIX_SIZE = 7
const MAX_SEGMENTS = 2 ** 32
const ALGORITHM = 'aes-256-gcm'
const EMPTY = new Uint8Array(0)

export interface EncryptOptions {
  /** Plaintext bytes per segment, recorded in the header. @default 1 MiB */
  segmentSize?: number
  /** Extra authenticated data, e.g. the record binding; decryption must pass the same bytes. */
  aad?: Uint8Array
  /** Called after each segment is sealed with the total plaintext bytes sealed so far. */
  onProgress?: (plaintextBytes: number) => void
}

export interface DecryptOptions {
  /** The extra authenticated data the stream was encrypted with. @default empty */
  aad?: Uint8Array
}

/** A fresh 256-bit content key. */
export function generateKey(): Uint8Array {
  return randomBytes(KEY_SIZE)
}

/** The exact byte size of the stream that encrypts `plaintextSize` bytes. */
export function ciphertextSize(plaintextSize: number, segmentSize = DEFAULT_SEGMENT_SIZE): number {
  if (!Number.isSafeInteger(plaintextSize) || plaintextSize < 0) {
    throw new InvalidInputError('The plaintext size must be a non-negative integer')
  }
  checkSegmentSize(segmentSize)
  const segments = Math.max(1, Math.ceil(plaintextSize / segmentSize))
  return HEADER_SIZE + plaintextSize + segments * TAG_SIZE
}

/**
 * Encrypts a byte stream of any chunking. Yields the header, then each segment's ciphertext and
 * its tag as two chunks: joining them would copy every segment once more, for nothing, since
 * the output is a byte stream whose chunk boundaries carry no meaning.
 */
export function encryptStream(
  source: AsyncIterable<Uint8Array>,
  key: Uint8Array,
  options: EncryptOptions = {},
): AsyncIterable<Uint8Array> {
  const { segmentSize = DEFAULT_SEGMENT_SIZE, aad = EMPTY, onProgress } = options
  checkSegmentSize(segmentSize)
  return sealSegments(source, secretKey(key), segmentSize, aad, onProgress)
}

/**
 * Decrypts a stream of any chunking, yielding each segment's plaintext only once its tag has
 * verified. Throws TamperedContentError on any damage; what was yielded before it is authentic
 * but may be incomplete, so callers that must not show partial content use `decryptToBuffer`.
 */
export function decryptStream(
  source: AsyncIterable<Uint8Array>,
  key: Uint8Array,
  options: DecryptOptions = {},
): AsyncIterable<Uint8Array> {
  return openSegments(source, secretKey(key), options.aad ?? EMPTY)
}

/** Decrypts a whole (small) record, returning its plaintext only after all of it verified. */
export async function decryptToBuffer(
  source: AsyncIterable<Uint8Array>,
  key: Uint8Array,
  options: DecryptOptions = {},
): Promise<Uint8Array> {
  return collect(decryptStream(source, key, options))
}

/** Encrypts a small byte string (e.g. a manifest's metadata) into the same format. */
export async function encryptBytes(
  bytes: Uint8Array,
  key: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array> {
  return collect(encryptStream(once(bytes), key, { aad }))
}

/** Decrypts the output of `encryptBytes` (or any whole stream held in memory). */
export async function decryptBytes(
  bytes: Uint8Array,
  key: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array> {
  return decryptToBuffer(once(bytes), key, { aad })
}

/**
 * A new stream's header, and what each of its segments is sealed with: for sealing the segments
 * elsewhere (`sealed-blocks.ts` seals them on worker threads) in exactly this format.
 */
export interface StreamPlan {
  header: Buffer
  segmentSize: number
  /** The AAD of every segment: the header, then the caller's AAD. */
  aad: Buffer
  /** Segment `counter`'s nonce; throws past the stream's segment limit. */
  nonce(counter: number, last: boolean): Buffer
}

/** Plans a new stream: a fresh random nonce prefix, recorded in its header. */
export function planStream(options: Omit<EncryptOptions, 'onProgress'> = {}): StreamPlan {
  const { segmentSize = DEFAULT_SEGMENT_SIZE, aad = EMPTY } = options
  checkSegmentSize(segmentSize)
  return streamPlan(writeHeader(segmentSize, randomBytes(PREFIX_SIZE)), segmentSize, aad)
}

function streamPlan(header: Buffer, segmentSize: number, aad: Uint8Array): StreamPlan {
  const prefix = header.subarray(HEADER_SIZE - PREFIX_SIZE)
  return {
    header,
    segmentSize,
    aad: Buffer.concat([header, aad]),
    nonce(counter, last) {
      if (counter >= MAX_SEGMENTS) {
        throw new InvalidInputError('The content is too large for this segment size')
      }
      const bytes = Buffer.allocUnsafe(PREFIX_SIZE + 5)
      bytes.set(prefix, 0)
      bytes.writeUInt32BE(counter, PREFIX_SIZE)
      bytes[PREFIX_SIZE + 4] = last ? 1 : 0
      return bytes
    },
  }
}

async function* sealSegments(
  source: AsyncIterable<Uint8Array>,
  key: KeyObject,
  segmentSize: number,
  aad: Uint8Array,
  onProgress: EncryptOptions['onProgress'],
): AsyncGenerator<Uint8Array, void, undefined> {
  const plan = planStream({ segmentSize, aad })
  const reader = new ChunkReader(source)
  let sealed = 0
  try {
    yield plan.header
    for (let counter = 0; ; counter++) {
      const plaintext = await reader.read(segmentSize)
      const last = await reader.atEnd()
      const [ciphertext, tag] = seal(key, plan, counter, last, plaintext)
      sealed += plaintext.length
      onProgress?.(sealed)
      yield ciphertext
      yield tag
      if (last) return
    }
  } finally {
    await reader.close()
  }
}

async function* openSegments(
  source: AsyncIterable<Uint8Array>,
  key: KeyObject,
  aad: Uint8Array,
): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = new ChunkReader(source)
  try {
    const header = Buffer.from(await reader.read(HEADER_SIZE))
    const segmentSize = readHeader(header)
    const sealedSize = segmentSize + TAG_SIZE
    const plan = streamPlan(header, segmentSize, aad)
    for (let counter = 0; ; counter++) {
      const segment = await reader.read(sealedSize)
      const last = await reader.atEnd()
      // An empty last segment after others is never written: reject it so each plaintext has
      // exactly one encoding. The counter limit can only be reached by a forged stream.
      const tooShort =
        segment.length < TAG_SIZE || (last && counter > 0 && segment.length === TAG_SIZE)
      if (tooShort || counter === MAX_SEGMENTS) throw new TamperedContentError()
      yield open(key, plan, counter, last, segment)
      if (last) return
    }
  } finally {
    await reader.close()
  }
}

function seal(
  key: KeyObject,
  plan: StreamPlan,
  counter: number,
  last: boolean,
  plaintext: Uint8Array,
): [ciphertext: Uint8Array, tag: Uint8Array] {
  const cipher = createCipheriv(ALGORITHM, key, plan.nonce(counter, last), {
    authTagLength: TAG_SIZE,
  })
  cipher.setAAD(plan.aad)
  const ciphertext = cipher.update(plaintext)
  cipher.final()
  return [ciphertext, cipher.getAuthTag()]
}

function open(
  key: KeyObject,
  plan: StreamPlan,
  counter: number,
  last: boolean,
  segment: Uint8Array,
): Uint8Array {
  const split = segment.length - TAG_SIZE
  const decipher = createDecipheriv(ALGORITHM, key, plan.nonce(counter, last), {
    authTagLength: TAG_SIZE,
  })
  decipher.setAAD(plan.aad)
  decipher.setAuthTag(segment.subarray(split))
  const plaintext = decipher.update(segment.subarray(0, split))
  try {
    decipher.final()
  } catch {
    throw new TamperedContentError()
  }
  return plaintext
}

function writeHeader(segmentSize: number, prefix: Uint8Array): Buffer {
  const header = Buffer.allocUnsafe(HEADER_SIZE)
  header.set(MAGIC, 0)
  header[MAGIC.length] = VERSION
  header.writeUInt32BE(segmentSize, MAGIC.length + 1)
  header.set(prefix, HEADER_SIZE - PREFIX_SIZE)
  return header
}

/** Checks a header's magic and version and returns its segment size. */
function readHeader(header: Buffer): number {
  if (header.length < HEADER_SIZE) throw new TamperedContentError()
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new TamperedContentError()
  if (header[MAGIC.length] !== VERSION) throw new TamperedContentError()
  const segmentSize = header.readUInt32BE(MAGIC.length + 1)
  if (!isSegmentSize(segmentSize)) throw new TamperedContentError()
  return segmentSize
}

function isSegmentSize(size: number): boolean {
  return Number.isInteger(size) && size >= MIN_SEGMENT_SIZE && size <= MAX_SEGMENT_SIZE
}

function checkSegmentSize(size: number): void {
  if (!isSegmentSize(size)) {
    throw new InvalidInputError(
      `The segment size must be an integer from ${MIN_SEGMENT_SIZE} to ${MAX_SEGMENT_SIZE} bytes`,
    )
  }
}

/** The key as a KeyObject: a copy, so a caller that wipes its key mid-stream breaks nothing. */
function secretKey(key: Uint8Array): KeyObject {
  if (!(key instanceof Uint8Array) || key.length !== KEY_SIZE) {
    throw new InvalidInputError('The content key must be 32 bytes')
  }
  return createSecretKey(key)
}

/**
 * Re-chunks a byte stream into reads of a requested size with one chunk of look-ahead, holding
 * at most one read's worth of copied bytes. A read is a view into the source's chunk when that
 * chunk holds it whole, else into a buffer reused by the next read: consume it before then.
 */
class ChunkReader {
  readonly #iterator: AsyncIterator<Uint8Array>
  #chunk: Uint8Array = EMPTY
  #offset = 0
  #done = false
  #buffer: Buffer = Buffer.alloc(0)

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#iterator = source[Symbol.asyncIterator]()
  }

  /** The next `size` bytes, or fewer only where the stream ends. */
  async read(size: number): Promise<Uint8Array> {
    if (this.#chunk.length - this.#offset >= size) return this.#take(size)
    if (this.#buffer.length < size) this.#buffer = Buffer.allocUnsafe(size)
    let filled = 0
    while (filled < size && !(await this.atEnd())) {
      const part = this.#take(Math.min(size - filled, this.#chunk.length - this.#offset))
      this.#buffer.set(part, filled)
      filled += part.length
    }
    return this.#buffer.subarray(0, filled)
  }

  /** Whether the stream has no bytes left; pulls the next chunk to find out. */
  async atEnd(): Promise<boolean> {
    while (this.#offset === this.#chunk.length) {
      if (this.#done) return true
      const next = await this.#iterator.next()
      if (next.done) {
        this.#done = true
        return true
      }
      // Typed-array copies would silently turn a string chunk into zeros.
      if (!(next.value instanceof Uint8Array)) {
        throw new InvalidInputError('The stream must yield bytes (Uint8Array)')
      }
      this.#chunk = next.value
      this.#offset = 0
    }
    return false
  }

  /** Lets the source release what it holds when reading stops early. */
  async close(): Promise<void> {
    if (this.#done) return
    this.#done = true
    await this.#iterator.return?.()
  }

  #take(size: number): Uint8Array {
    const part = this.#chunk.subarray(this.#offset, this.#offset + size)
    this.#offset += size
    return part
  }
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array, void, undefined> {
  yield bytes
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return Buffer.concat(chunks)
}

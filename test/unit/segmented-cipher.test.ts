import assert from 'node:assert/strict'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  ciphertextSize,
  decryptBytes,
  decryptStream,
  decryptToBuffer,
  DEFAULT_SEGMENT_SIZE,
  encryptBytes,
  encryptStream,
  generateKey,
  HEADER_SIZE,
  TAG_SIZE,
} from '../../electron/node/crypto/segmented-cipher.ts'

const S = 1024
const SEALED = S + TAG_SIZE
const KEY = generateKey()

const isError = (name: string, code: string) => (error: unknown) => {
  assert.ok(error instanceof Error)
  assert.equal(error.name, name)
  assert.equal((error as Error & { code: string }).code, code)
  return true
}
const isTampered = isError('TamperedContentError', 'ERR_TAMPERED')
const isInvalidInput = isError('InvalidInputError', 'ERR_INVALID_INPUT')

/** mulberry32: reproducible "random" chunk sizes, so a failure can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

/** Chunk-size choosers: each call of `make` gives a fresh one. */
const chunkings: Record<string, () => () => number> = {
  'one-byte chunks': () => () => 1,
  'seven-byte chunks': () => () => 7,
  'random-size chunks': () => {
    const random = prng(42)
    return () => 1 + Math.floor(random() * 3 * S)
  },
  'one big chunk': () => () => Number.MAX_SAFE_INTEGER,
}

async function* chunked(bytes: Uint8Array, nextSize: () => number = () => bytes.length || 1) {
  for (let offset = 0; offset < bytes.length;) {
    const size = nextSize()
    yield bytes.subarray(offset, offset + size)
    offset += size
  }
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** Decrypts, keeping what was yielded before the failure. */
async function decryptUntilError(
  ciphertext: Uint8Array,
  options: { key?: Uint8Array; aad?: Uint8Array } = {},
): Promise<{ yielded: Buffer; error: unknown }> {
  const chunks: Uint8Array[] = []
  try {
    const source = chunked(ciphertext, chunkings['random-size chunks']!())
    for await (const chunk of decryptStream(source, options.key ?? KEY, { aad: options.aad })) {
      chunks.push(chunk)
    }
  } catch (error) {
    return { yielded: Buffer.concat(chunks), error }
  }
  return { yielded: Buffer.concat(chunks), error: undefined }
}

/** Asserts the stream is rejected after yielding exactly `verified` (the undamaged prefix). */
async function assertTampered(
  ciphertext: Uint8Array,
  verified: Uint8Array,
  options: { key?: Uint8Array; aad?: Uint8Array } = {},
) {
  const { yielded, error } = await decryptUntilError(ciphertext, options)
  assert.ok(error, 'decryption must fail')
  isTampered(error)
  assert.deepEqual(yielded, Buffer.from(verified))
  await assert.rejects(
    decryptToBuffer(chunked(ciphertext), options.key ?? KEY, { aad: options.aad }),
    isTampered,
  )
}

async function encrypt(plaintext: Uint8Array, aad?: Uint8Array): Promise<Buffer> {
  return collect(encryptStream(chunked(plaintext), KEY, { segmentSize: S, aad }))
}

/** Splits a stream into its header and sealed segments (all S + 16 bytes but the last). */
function split(ciphertext: Buffer): { header: Buffer; segments: Buffer[] } {
  const segments: Buffer[] = []
  for (let offset = HEADER_SIZE; offset < ciphertext.length; offset += SEALED) {
    segments.push(ciphertext.subarray(offset, offset + SEALED))
  }
  return { header: ciphertext.subarray(0, HEADER_SIZE), segments }
}

const join = (header: Uint8Array, segments: Uint8Array[]) => Buffer.concat([header, ...segments])

function flipBit(bytes: Buffer, index: number): Buffer {
  const copy = Buffer.from(bytes)
  copy[index]! ^= 0x01
  return copy
}

/** The documented per-segment nonce, built independently of the module. */
function nonce(header: Uint8Array, counter: number, last: boolean): Buffer {
  const bytes = Buffer.alloc(12)
  bytes.set(header.subarray(9, 16), 0)
  bytes.writeUInt32BE(counter, 7)
  bytes[11] = last ? 1 : 0
  return bytes
}

/** Seals one segment as the module header documents, for crafting streams by hand. */
function sealByHand(header: Buffer, counter: number, last: boolean, plaintext: Uint8Array) {
  const cipher = createCipheriv('aes-256-gcm', KEY, nonce(header, counter, last))
  cipher.setAAD(header)
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
}

function openByHand(header: Buffer, counter: number, last: boolean, segment: Buffer, aad = '') {
  const decipher = createDecipheriv('aes-256-gcm', KEY, nonce(header, counter, last), {
    authTagLength: 16,
  })
  decipher.setAAD(Buffer.concat([header, Buffer.from(aad)]))
  decipher.setAuthTag(segment.subarray(-16))
  return Buffer.concat([decipher.update(segment.subarray(0, -16)), decipher.final()])
}

describe('segmented cipher round trips', () => {
  const sizes = { 0: 0, 1: 1, 'S-1': S - 1, S, 'S+1': S + 1, '3S': 3 * S, '3S+7': 3 * S + 7 }
  for (const [label, size] of Object.entries(sizes)) {
    for (const [chunking, make] of Object.entries(chunkings)) {
      it(`${label} bytes (${size}), ${chunking}`, async () => {
        const plaintext = randomBytes(size)
        const ciphertext = await collect(
          encryptStream(chunked(plaintext, make()), KEY, { segmentSize: S }),
        )
        assert.equal(ciphertext.length, ciphertextSize(size, S))
        const decrypted = await collect(decryptStream(chunked(ciphertext, make()), KEY))
        assert.deepEqual(decrypted, plaintext)
      })
    }
  }

  it('uses 1 MiB segments by default', async () => {
    const plaintext = randomBytes(2 * DEFAULT_SEGMENT_SIZE + 5)
    const ciphertext = await collect(
      encryptStream(chunked(plaintext, chunkings['random-size chunks']!()), KEY),
    )
    assert.equal(ciphertext.readUInt32BE(5), DEFAULT_SEGMENT_SIZE)
    assert.equal(ciphertext.length, ciphertextSize(plaintext.length))
    assert.deepEqual(
      await decryptToBuffer(
        chunked(ciphertext, () => 65536),
        KEY,
      ),
      plaintext,
    )
  })

  it('round-trips with caller AAD', async () => {
    const plaintext = randomBytes(2 * S + 3)
    const aad = Buffer.from('record 0xabc, version 2')
    const ciphertext = await encrypt(plaintext, aad)
    assert.deepEqual(await decryptToBuffer(chunked(ciphertext), KEY, { aad }), plaintext)
  })

  it('encryptBytes and decryptBytes use the same format', async () => {
    const metadata = Buffer.from(JSON.stringify({ title: 'CT chest', mime: 'application/dicom' }))
    const aad = Buffer.from('manifest')
    const sealed = await encryptBytes(metadata, KEY, aad)
    assert.equal(sealed.length, ciphertextSize(metadata.length))
    assert.deepEqual(
      await decryptToBuffer(
        chunked(sealed, () => 3),
        KEY,
        { aad },
      ),
      metadata,
    )
    assert.deepEqual(await decryptBytes(sealed, KEY, aad), metadata)
    await assert.rejects(decryptBytes(sealed, KEY), isTampered)
    assert.deepEqual(
      await decryptBytes(await encryptBytes(new Uint8Array(0), KEY), KEY),
      Buffer.alloc(0),
    )
  })

  it('the same plaintext encrypts differently each time (random nonce prefix)', async () => {
    const plaintext = randomBytes(S + 1)
    const [a, b] = [await encrypt(plaintext), await encrypt(plaintext)]
    assert.equal(a.length, b.length)
    assert.notDeepEqual(a.subarray(9, 16), b.subarray(9, 16))
    assert.notDeepEqual(a.subarray(HEADER_SIZE), b.subarray(HEADER_SIZE))
  })

  it('ciphertextSize counts the header, the plaintext and one tag per segment', () => {
    assert.equal(ciphertextSize(0, S), 16 + 16)
    assert.equal(ciphertextSize(S, S), 16 + S + 16)
    assert.equal(ciphertextSize(S + 1, S), 16 + S + 1 + 2 * 16)
    assert.equal(ciphertextSize(2 ** 30), 16 + 2 ** 30 + 1024 * 16)
    assert.throws(() => ciphertextSize(-1, S), isInvalidInput)
    assert.throws(() => ciphertextSize(1.5, S), isInvalidInput)
  })

  it('reports progress as cumulative plaintext bytes, once per segment', async () => {
    const seen: number[] = []
    const plaintext = randomBytes(2 * S + 10)
    await collect(
      encryptStream(
        chunked(plaintext, () => 100),
        KEY,
        {
          segmentSize: S,
          onProgress: (bytes) => seen.push(bytes),
        },
      ),
    )
    assert.deepEqual(seen, [S, 2 * S, 2 * S + 10])
  })
})

describe('segmented cipher format', () => {
  it('writes the documented header: EMRS, version 1, u32 segment size, 7-byte prefix', async () => {
    const ciphertext = await encrypt(randomBytes(10))
    assert.equal(ciphertext.subarray(0, 4).toString('ascii'), 'EMRS')
    assert.equal(ciphertext[4], 1)
    assert.equal(ciphertext.readUInt32BE(5), S)
  })

  it('can be decrypted by an independent implementation of the documented layout', async () => {
    const plaintext = randomBytes(2 * S + 100)
    const aad = 'binding'
    const { header, segments } = split(await encrypt(plaintext, Buffer.from(aad)))
    assert.equal(segments.length, 3)
    const opened = segments.map((segment, i) => openByHand(header, i, i === 2, segment, aad))
    assert.deepEqual(Buffer.concat(opened), plaintext)
  })

  it('an empty plaintext is one empty final segment', async () => {
    const { header, segments } = split(await encrypt(new Uint8Array(0)))
    assert.equal(segments.length, 1)
    assert.deepEqual(openByHand(header, 0, true, segments[0]!), Buffer.alloc(0))
  })

  it('rejects an empty final segment after full ones (one encoding per plaintext)', async () => {
    const plaintext = randomBytes(S)
    const { header } = split(await encrypt(plaintext))
    const crafted = join(header, [
      sealByHand(header, 0, false, plaintext),
      sealByHand(header, 1, true, new Uint8Array(0)),
    ])
    await assertTampered(crafted, plaintext)
  })

  it('rejects unknown magic, versions and segment sizes even when correctly sealed', async () => {
    const plaintext = randomBytes(100)
    const { header } = split(await encrypt(plaintext))
    const variants = [
      Buffer.concat([Buffer.from('EMRX'), header.subarray(4)]),
      Buffer.concat([header.subarray(0, 4), Buffer.from([2]), header.subarray(5)]),
      Buffer.concat([header.subarray(0, 5), Buffer.from([0, 0, 2, 0]), header.subarray(9)]),
    ]
    for (const variant of variants) {
      await assertTampered(
        join(variant, [sealByHand(variant, 0, true, plaintext)]),
        Buffer.alloc(0),
      )
    }
  })

  it('keeps its own copy of the key, so the caller may wipe its copy', async () => {
    const key = generateKey()
    const kept = Buffer.from(key)
    const plaintext = randomBytes(2 * S)
    const stream = encryptStream(chunked(plaintext), key, { segmentSize: S })
    key.fill(0)
    assert.deepEqual(await decryptToBuffer(stream, kept), plaintext)
  })

  it('rejects a source that yields strings instead of bytes', async () => {
    const strings = (async function* () {
      yield 'not bytes'
    })() as unknown as AsyncIterable<Uint8Array>
    await assert.rejects(collect(encryptStream(strings, KEY)), isInvalidInput)
  })

  it('rejects bad keys and segment sizes before reading anything', () => {
    const source = chunked(new Uint8Array(1))
    assert.throws(() => encryptStream(source, new Uint8Array(16)), isInvalidInput)
    assert.throws(() => decryptStream(source, new Uint8Array(33)), isInvalidInput)
    for (const segmentSize of [0, 1023, 16 * 1024 * 1024 + 1, 1024.5]) {
      assert.throws(() => encryptStream(source, KEY, { segmentSize }), isInvalidInput)
    }
    assert.equal(generateKey().length, 32)
  })
})

describe('segmented cipher streaming', () => {
  /** A source of `total` bytes in 100-byte chunks that counts what was pulled from it. */
  function countingSource(total: number) {
    const state = { pulled: 0, closed: false }
    async function* source() {
      try {
        for (; state.pulled < total; state.pulled += 100) yield new Uint8Array(100)
      } finally {
        state.closed = true
      }
    }
    return { state, source: source() }
  }

  it('encryption yields each segment after reading at most one segment and a chunk ahead', async () => {
    const { state, source } = countingSource(10 * S)
    const pulledAtSegment: number[] = []
    for await (const chunk of encryptStream(source, KEY, { segmentSize: S })) {
      if (chunk.length === S) pulledAtSegment.push(state.pulled)
    }
    assert.equal(pulledAtSegment.length, 10)
    pulledAtSegment.forEach((pulled, i) => assert.ok(pulled <= (i + 1) * S + 100))
  })

  it('decryption yields each segment before the rest of the stream arrives', async () => {
    const ciphertext = await encrypt(randomBytes(10 * S))
    let pulled = 0
    async function* source() {
      for await (const chunk of chunked(ciphertext, () => 100)) {
        pulled += chunk.length
        yield chunk
      }
    }
    let segments = 0
    for await (const _ of decryptStream(source(), KEY)) {
      segments++
      assert.ok(pulled <= HEADER_SIZE + segments * SEALED + 100)
    }
    assert.equal(segments, 10)
  })

  it('closes the source when the consumer stops or the stream is rejected', async () => {
    const stopped = countingSource(10 * S)
    for await (const chunk of encryptStream(stopped.source, KEY, { segmentSize: S })) {
      if (chunk.length === S) break
    }
    assert.ok(stopped.state.closed)

    const rejected = countingSource(10 * S)
    await assert.rejects(collect(decryptStream(rejected.source, KEY)), isTampered)
    assert.ok(rejected.state.closed)
  })
})

describe('segmented cipher attacks', () => {
  // Four segments: three full ones and a final one of 7 bytes.
  const plaintext = randomBytes(3 * S + 7)
  const first = (segments: number) => plaintext.subarray(0, segments * S)
  const sealed = encrypt(plaintext)

  it('a flipped bit anywhere in the header', async () => {
    const ciphertext = await sealed
    for (let index = 0; index < HEADER_SIZE; index++) {
      await assertTampered(flipBit(ciphertext, index), first(0))
    }
  })

  it('a flipped bit in a middle segment ciphertext', async () => {
    const ciphertext = await sealed
    await assertTampered(flipBit(ciphertext, HEADER_SIZE + SEALED + 100), first(1))
  })

  it('a flipped bit in a tag', async () => {
    const ciphertext = await sealed
    await assertTampered(flipBit(ciphertext, HEADER_SIZE + 3 * SEALED - 1), first(2))
    await assertTampered(flipBit(ciphertext, ciphertext.length - 1), first(3))
  })

  it('truncated at a segment boundary (final segment dropped)', async () => {
    const { header, segments } = split(await sealed)
    await assertTampered(join(header, segments.slice(0, 3)), first(2))
    await assertTampered(join(header, segments.slice(0, 1)), first(0))
    await assertTampered(header, first(0))
    await assertTampered(Buffer.alloc(0), first(0))
  })

  it('truncated mid-segment, mid-tag and mid-header', async () => {
    const ciphertext = await sealed
    await assertTampered(ciphertext.subarray(0, HEADER_SIZE + 2 * SEALED + 500), first(2))
    await assertTampered(ciphertext.subarray(0, ciphertext.length - 1), first(3))
    await assertTampered(ciphertext.subarray(0, ciphertext.length - 7 - 16 + 3), first(3))
    await assertTampered(ciphertext.subarray(0, 10), first(0))
  })

  it('final segment dropped and the previous one promoted to final', async () => {
    // With a plaintext of whole segments every sealed segment has the same size, so only the
    // last-segment flag inside the nonce tells the final one from the others.
    const whole = randomBytes(3 * S)
    const { header, segments } = split(await encrypt(whole))
    const promoted = segments[1]!
    // The segment is authentic at its place as a non-final segment…
    assert.deepEqual(openByHand(header, 1, false, promoted), whole.subarray(S, 2 * S))
    // …but its tag is bound to flag 0x00: read as the final segment it fails, and re-flagging
    // would mean re-sealing, which takes the key.
    assert.throws(() => openByHand(header, 1, true, promoted))
    await assertTampered(join(header, segments.slice(0, 2)), whole.subarray(0, S))
  })

  it('two segments swapped', async () => {
    const { header, segments } = split(await sealed)
    const [s0, s1, s2, s3] = segments as [Buffer, Buffer, Buffer, Buffer]
    await assertTampered(join(header, [s0, s2, s1, s3]), first(1))
  })

  it('a segment duplicated', async () => {
    const { header, segments } = split(await sealed)
    const [s0, s1, s2, s3] = segments as [Buffer, Buffer, Buffer, Buffer]
    await assertTampered(join(header, [s0, s1, s1, s2, s3]), first(2))
  })

  it('data appended after the final segment', async () => {
    const ciphertext = await sealed
    const { segments } = split(ciphertext)
    await assertTampered(Buffer.concat([ciphertext, Buffer.from([0])]), first(3))
    await assertTampered(Buffer.concat([ciphertext, randomBytes(SEALED + 5)]), first(3))
    await assertTampered(Buffer.concat([ciphertext, segments[0]!]), first(3))
  })

  it('a wrong key', async () => {
    await assertTampered(await sealed, first(0), { key: generateKey() })
  })

  it('a wrong or missing AAD', async () => {
    const ciphertext = await encrypt(plaintext, Buffer.from('record A'))
    await assertTampered(ciphertext, first(0), { aad: Buffer.from('record B') })
    await assertTampered(ciphertext, first(0))
    await assertTampered(await sealed, first(0), { aad: Buffer.from('record A') })
  })

  it('the header of another stream spliced in', async () => {
    const { segments } = split(await sealed)
    const other = split(await encrypt(plaintext)).header
    await assertTampered(join(other, segments), first(0))
  })
})

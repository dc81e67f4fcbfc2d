/**
 * A direct block transfer between consortium nodes, beside bitswap: `/emr-node/blocks/1.0.0`.
 * The asker sends a list of CIDs; the peer answers, in order, each block it has in its repo or a
 * "missing" mark. Bitswap sends one want list and waits for block messages of at most a few MiB
 * on a new stream each; over loopback it moved about 10 MB/s. Here a few streams carry batches
 * of blocks back to back.
 *
 * Trustless: every block received is hashed and compared with its CID (sha2-256 only) before it
 * is stored; a peer that sends a wrong block is not asked again during that fetch, and whatever
 * no peer gave is left to bitswap (which checks hashes too). Bounded: a request names at most
 * MAX_CIDS_PER_REQUEST CIDs, a block is at most MAX_BLOCK_BYTES, a peer serves only blocks in its
 * own repo (a CID names a file of the blockstore, nothing else), a few streams at a time.
 *
 * Frames: request = u32 count, then per CID u8 length + CID bytes. Answer per CID = u8 status
 * (1 = block follows as u32 length + bytes, 0 = missing). Integers are big-endian.
 */
import { createHash } from 'node:crypto'
import toBuffer from 'it-to-buffer'
import { createUnsafe } from 'multiformats/block'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import type { Blockstore } from 'interface-blockstore'
import type { BlockDecoder } from 'multiformats/codecs/interface'
import type { AbortOptions, Libp2p, PeerId, Stream } from '@libp2p/interface'
import type { Logger } from '../log.ts'

export const BLOCKS_PROTOCOL = '/emr-node/blocks/1.0.0'

/** Most CIDs one request may name; a longer request is refused (the stream is reset). */
export const MAX_CIDS_PER_REQUEST = 32
/** Longest CID accepted in a request (a CIDv1 of a sha2-256 block is 36 bytes). */
export const MAX_CID_BYTES = 128
/** Largest block served or taken: bitswap's limit is 2 MiB, our leaves are 1 MiB and a bit. */
export const MAX_BLOCK_BYTES = 4 * 1024 * 1024
/** Streams one node opens for one fetch, and accepts on one connection. */
export const STREAMS = 4
/** CIDs asked per request: a batch is a few MiB, enough to keep a stream busy. */
export const BATCH = 8
/** Longest wait for a request's bytes, or for the next answer's first byte. */
export const IDLE_MS = 10_000
/**
 * Most bytes of verified blocks a fetch keeps for its reader (see DagFetch.take), so the reader
 * need not read them back from the repo; past it, the reader reads them from the repo.
 */
export const READ_AHEAD_BYTES = 32 * 1024 * 1024

const STATUS_MISSING = 0
const STATUS_BLOCK = 1

/** What a node serves from: its own repo, never the network. */
export interface LocalBlocks {
  has(cid: CID, options?: AbortOptions): Promise<boolean>
  get(cid: CID, options?: AbortOptions): AsyncIterable<Uint8Array>
}

/** Whether `bytes` are the block `cid` names: only sha2-256 CIDs can be checked, and asked. */
export function blockMatches(cid: CID, bytes: Uint8Array): boolean {
  if (cid.multihash.code !== sha256.code) return false
  const digest = createHash('sha256').update(bytes).digest()
  return Buffer.from(cid.multihash.digest).equals(digest)
}

export function encodeRequest(cids: CID[]): Uint8Array {
  const parts: Uint8Array[] = [u32(cids.length)]
  for (const cid of cids) parts.push(Uint8Array.of(cid.bytes.length), cid.bytes)
  return Buffer.concat(parts)
}

function u32(value: number): Uint8Array {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32BE(value)
  return bytes
}

/** Reads exact byte counts from a stream's chunks (a libp2p stream, or a socket's Buffers). */
export class ByteReader {
  readonly #source: AsyncIterator<{ subarray(): Uint8Array }>
  #chunks: Uint8Array[] = []
  #buffered = 0

  constructor(source: AsyncIterable<{ subarray(): Uint8Array }>) {
    this.#source = source[Symbol.asyncIterator]()
  }

  /** Exactly `size` bytes; throws when the stream ends first. */
  async read(size: number): Promise<Uint8Array> {
    while (this.#buffered < size) {
      const next = await this.#source.next()
      if (next.done === true) throw new Error('the stream ended inside a frame')
      const chunk = next.value.subarray()
      this.#chunks.push(chunk)
      this.#buffered += chunk.byteLength
    }
    const joined =
      this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#buffered)
    const taken = joined.subarray(0, size)
    const rest = joined.subarray(size)
    this.#chunks = rest.byteLength > 0 ? [rest] : []
    this.#buffered = rest.byteLength
    return taken
  }

  /** Whether the stream ended cleanly here, between frames (nothing buffered, nothing more). */
  async ended(): Promise<boolean> {
    if (this.#buffered > 0) return false
    const next = await this.#source.next()
    if (next.done === true) return true
    const chunk = next.value.subarray()
    this.#chunks.push(chunk)
    this.#buffered += chunk.byteLength
    return false
  }
}

/** Resets `stream` when no progress was reported for IDLE_MS or when `signal` aborts. */
function watchdog(stream: Stream, signal?: AbortSignal) {
  let timer: NodeJS.Timeout | undefined
  const reset = (reason: string) => stream.abort(new Error(reason))
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(() => reset(`no progress in ${IDLE_MS} ms`), IDLE_MS)
  }
  const onAbort = () => reset('fetch aborted')
  signal?.addEventListener('abort', onAbort, { once: true })
  arm()
  return {
    progress: arm,
    done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
    },
  }
}

async function send(stream: Stream, bytes: Uint8Array): Promise<void> {
  if (!stream.send(bytes)) await stream.onDrain()
}

/**
 * The CIDs a request names; throws (the caller resets the stream) on a request of no CID or more
 * than MAX_CIDS_PER_REQUEST, or holding anything that is not a CID. Shared by the libp2p protocol
 * and the TLS block port (block-server.ts).
 */
export async function readRequest(
  source: ByteReader | AsyncIterable<{ subarray(): Uint8Array }>,
): Promise<CID[]> {
  const reader = source instanceof ByteReader ? source : new ByteReader(source)
  const count = Buffer.from(await reader.read(4)).readUInt32BE()
  if (count < 1 || count > MAX_CIDS_PER_REQUEST) throw new Error(`asked for ${count} blocks`)
  const cids: CID[] = []
  for (let i = 0; i < count; i++) {
    const length = (await reader.read(1))[0]!
    if (length < 1 || length > MAX_CID_BYTES) throw new Error('a CID of a wrong length')
    cids.push(CID.decode(Uint8Array.from(await reader.read(length))))
  }
  return cids
}

/**
 * Answers `cids` from `blocks` through `send`, in order: each block this node holds (within
 * MAX_BLOCK_BYTES), or a missing mark. `progress` is called after each answer.
 */
export async function answerRequest(
  cids: CID[],
  blocks: LocalBlocks,
  send: (bytes: Uint8Array) => Promise<void>,
  progress: () => void,
): Promise<void> {
  for (const cid of cids) {
    const bytes = (await blocks.has(cid)) ? await toBuffer(blocks.get(cid)) : undefined
    if (bytes === undefined || bytes.byteLength > MAX_BLOCK_BYTES) {
      await send(Uint8Array.of(STATUS_MISSING))
    } else {
      await send(Buffer.concat([Uint8Array.of(STATUS_BLOCK), u32(bytes.byteLength)]))
      await send(bytes)
    }
    progress()
  }
}

/** Reads the answers to a request of `count` CIDs: each block's bytes (unchecked) or undefined. */
export async function* readAnswers(
  reader: ByteReader,
  count: number,
  progress: () => void,
): AsyncGenerator<Uint8Array | undefined, void, undefined> {
  for (let i = 0; i < count; i++) {
    const status = (await reader.read(1))[0]
    if (status === STATUS_MISSING) {
      progress()
      yield undefined
      continue
    }
    if (status !== STATUS_BLOCK) throw new Error(`unknown answer status ${status}`)
    const size = Buffer.from(await reader.read(4)).readUInt32BE()
    if (size > MAX_BLOCK_BYTES) throw new Error(`a block of ${size} bytes`)
    const bytes = await reader.read(size)
    progress()
    yield bytes
  }
}

/** Answers block requests on this node from `blocks` (its repo). */
export async function serveBlocks(libp2p: Libp2p, blocks: LocalBlocks, log: Logger): Promise<void> {
  await libp2p.handle(
    BLOCKS_PROTOCOL,
    async (stream: Stream) => {
      const guard = watchdog(stream)
      try {
        const cids = await readRequest(stream)
        guard.progress()
        await answerRequest(cids, blocks, (bytes) => send(stream, bytes), guard.progress)
        await stream.close()
      } catch (error) {
        log.warn('refused a block request', { error: (error as Error).message })
        stream.abort(error as Error)
      } finally {
        guard.done()
      }
    },
    { maxInboundStreams: STREAMS * 2, maxOutboundStreams: STREAMS * 2 },
  )
}

/** A peer's answer for one CID: the block's bytes, unchecked, or undefined when it lacks it. */
export async function* requestBlocks(
  libp2p: Libp2p,
  peer: PeerId,
  cids: CID[],
  signal: AbortSignal,
): AsyncGenerator<Uint8Array | undefined, void, undefined> {
  const stream = await libp2p.dialProtocol(peer, BLOCKS_PROTOCOL, { signal })
  const guard = watchdog(stream, signal)
  try {
    await send(stream, encodeRequest(cids))
    yield* readAnswers(new ByteReader(stream), cids.length, guard.progress)
    await stream.close({ signal })
  } catch (error) {
    stream.abort(error as Error)
    throw error
  } finally {
    guard.done()
  }
}

/** A peer's TLS block port (block-server.ts). */
export interface BlockEndpoint {
  host: string
  port: number
}

/** Bulk transfer over the TLS block port, tried before the libp2p protocol. */
export interface TlsTransfer {
  /** Where `peer` serves blocks over TLS; undefined when it does not. */
  endpoint(peer: PeerId, signal: AbortSignal): Promise<BlockEndpoint | undefined>
  /** The peer's answer per CID, as requestBlocks gives it; throws when the port fails. */
  request(
    endpoint: BlockEndpoint,
    cids: CID[],
    signal: AbortSignal,
  ): AsyncIterable<Uint8Array | undefined>
}

export interface ExchangeComponents {
  libp2p: Libp2p
  /** The TLS block port, when this node uses it. */
  tls?: TlsTransfer
  /** The node's repo, read without asking peers. */
  local: LocalBlocks
  /** Where verified blocks go: Helia's blockstore, so a bitswap want of the same block ends. */
  blockstore: Pick<Blockstore, 'put'>
  /**
   * Blocks some fetch on this node is asking peers for, shared by every fetch: resolves true
   * once stored, false when given up.
   */
  inFlight: Map<string, Promise<boolean>>
  /** Decodes a DAG node's links (dag-pb for UnixFS). */
  getCodec(code: number): Promise<BlockDecoder<number, unknown>>
  log: Logger
}

/** Counts of one fetch, for tests and benchmarks. */
export interface DagFetchStats {
  /** Blocks received from peers over BLOCKS_PROTOCOL, checked and stored. */
  received: number
  /** Blocks that were already in the repo. */
  local: number
  /** Blocks no peer gave over BLOCKS_PROTOCOL, left to bitswap. */
  missed: number
  /** Blocks refused because their bytes did not match their CID. */
  refused: number
  /** Of `received`, the blocks that came over a TLS block port. */
  overTls: number
}

interface Planned {
  cid: CID
  /** Resolves true once the block is in the repo, false when left to bitswap. */
  settled: Promise<boolean>
  settle(stored: boolean): void
  /** Resolves once the block was received and verified (its links planned), or settled. */
  arrived: Promise<void>
  arrive(): void
}

/**
 * One fetch of a DAG from the consortium: from the root down, the blocks this node lacks are
 * asked of the connected peers, BATCH per request, STREAMS requests at a time, and stored as
 * they arrive (verified); each DAG node received adds its children to the plan. Only CIDs and
 * at most STREAMS answers' blocks are held in memory. `wait(cid)` tells a reader when a block
 * the fetch planned is in the repo, or that the fetch gave it up (the reader then asks bitswap).
 */
export class DagFetch {
  readonly stats: DagFetchStats = {
    received: 0,
    local: 0,
    missed: 0,
    refused: 0,
    overTls: 0,
  }
  readonly #components: ExchangeComponents
  readonly #signal: AbortSignal
  readonly #planned = new Map<string, Planned>()
  readonly #queue: Planned[] = []
  readonly #shunned = new Set<string>()
  readonly #listeners = new Set<() => void>()
  readonly #settledKeys = new Set<string>()
  /** Each peer's TLS block port, asked once per fetch; undefined once it failed. */
  readonly #endpoints = new Map<string, Promise<BlockEndpoint | undefined>>()
  /** Verified blocks kept for the reader, at most READ_AHEAD_BYTES in all. */
  readonly #kept = new Map<string, Uint8Array>()
  #keptBytes = 0
  /** Whether a reader takes the blocks (see handToReader). */
  #handOver = false
  #running = 0
  #nextPeer = 0
  #finished = false

  constructor(components: ExchangeComponents, root: CID, signal: AbortSignal) {
    this.#components = components
    this.#signal = signal
    signal.addEventListener('abort', () => this.#giveUpAll(), { once: true })
    this.#plan([root])
  }

  /** Whether every block of the DAG is in the repo: the fetch ended, none given up. */
  get complete(): boolean {
    return this.#finished && !this.#signal.aborted && this.stats.missed === 0
  }

  /** undefined when this fetch never planned `cid`. */
  wait(cid: CID): Promise<boolean> | undefined {
    return this.#planned.get(cid.toString())?.settled
  }

  /**
   * Resolves once `cid` was received and verified (it may still be being stored), or settled;
   * undefined when this fetch never planned it.
   */
  arrived(cid: CID): Promise<void> | undefined {
    return this.#planned.get(cid.toString())?.arrived
  }

  /** From now on, keeps verified blocks (within READ_AHEAD_BYTES) for `take`. */
  handToReader(): void {
    this.#handOver = true
  }

  /** The verified bytes of `cid` when this fetch kept them, once: later asks read the repo. */
  take(cid: CID): Uint8Array | undefined {
    const key = cid.toString()
    const bytes = this.#kept.get(key)
    if (bytes === undefined) return undefined
    this.#kept.delete(key)
    this.#keptBytes -= bytes.byteLength
    return bytes
  }

  #keep(cid: CID, bytes: Uint8Array): void {
    if (!this.#handOver || this.#signal.aborted) return
    if (this.#keptBytes + bytes.byteLength > READ_AHEAD_BYTES) return
    const key = cid.toString()
    if (this.#kept.has(key)) return
    this.#kept.set(key, bytes)
    this.#keptBytes += bytes.byteLength
  }

  /** Yields after each block settles; ends when every planned block has. */
  async *progress(): AsyncGenerator<void, void, undefined> {
    while (!this.#finished) {
      await new Promise<void>((resolve) => {
        this.#listeners.add(resolve)
      })
      this.#signal.throwIfAborted()
      yield
    }
  }

  /** Resolves once every planned block settled (stored, or given up); rejects when aborted. */
  async done(): Promise<void> {
    for await (const _ of this.progress()) {
      // Each step is one block settled.
    }
  }

  #notify(): void {
    const listeners = [...this.#listeners]
    this.#listeners.clear()
    for (const listener of listeners) listener()
  }

  #plan(cids: CID[]): void {
    for (const cid of cids) {
      const key = cid.toString()
      if (this.#planned.has(key)) continue
      let settle!: (stored: boolean) => void
      const settled = new Promise<boolean>((resolve) => (settle = resolve))
      let arrive!: () => void
      const arrived = new Promise<void>((resolve) => (arrive = resolve))
      const planned: Planned = {
        cid,
        settled,
        settle: (stored) => {
          if (this.#settledKeys.has(key)) return
          this.#settledKeys.add(key)
          if (!stored) this.stats.missed++
          settle(stored)
          arrive()
          this.#notify()
        },
        arrived,
        arrive,
      }
      this.#planned.set(key, planned)
      this.#queue.push(planned)
    }
    this.#pump()
  }

  #pump(): void {
    if (this.#signal.aborted) return
    while (this.#running < STREAMS && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, BATCH)
      this.#running++
      this.#runBatch(batch)
        .catch((error: unknown) => {
          this.#components.log.warn('block fetch failed', { error: (error as Error).message })
          for (const planned of batch) this.#giveUp(planned)
        })
        .finally(() => {
          this.#running--
          this.#pump()
          if (this.#running === 0 && this.#queue.length === 0 && !this.#finished) {
            this.#finished = true
            this.#components.log.info('fetched a DAG', { ...this.stats })
            this.#notify()
          }
        })
    }
  }

  async #runBatch(batch: Planned[]): Promise<void> {
    const { local } = this.#components
    const { inFlight } = this.#components
    const missing: Planned[] = []
    const elsewhere: Promise<void>[] = []
    for (const planned of batch) {
      const key = planned.cid.toString()
      const other = inFlight.get(key)
      if (await local.has(planned.cid, { signal: this.#signal })) {
        this.stats.local++
        await this.#stored(planned, undefined)
      } else if (other !== undefined) {
        // Another fetch on this node (an open and a replica's pin of one record) is bringing it.
        elsewhere.push(
          other.then(async (stored) => {
            if (stored) await this.#stored(planned, undefined)
            // It gave up (or was stopped): this fetch asks the peers itself.
            else this.#queue.push(planned)
          }),
        )
      } else if (planned.cid.multihash.code === sha256.code) {
        inFlight.set(key, planned.settled)
        void planned.settled.then(() => inFlight.delete(key))
        missing.push(planned)
      } else {
        this.#giveUp(planned)
      }
    }
    let wanted = missing
    for (const peer of this.#peerOrder()) {
      if (wanted.length === 0) break
      wanted = await this.#askPeer(peer, wanted)
    }
    for (const planned of wanted) this.#giveUp(planned)
    await Promise.all(elsewhere)
  }

  /** Connected peers not shunned in this fetch, starting at a different one per batch. */
  #peerOrder(): PeerId[] {
    const peers = this.#components.libp2p
      .getPeers()
      .filter((peer) => !this.#shunned.has(peer.toString()))
    const start = peers.length === 0 ? 0 : this.#nextPeer++ % peers.length
    return [...peers.slice(start), ...peers.slice(0, start)]
  }

  /**
   * Asks `peer` for `wanted`, over its TLS block port when it has one, else (or when the port
   * fails) over libp2p; returns what it did not give.
   */
  async #askPeer(peer: PeerId, wanted: Planned[]): Promise<Planned[]> {
    const { libp2p, tls, log } = this.#components
    const key = peer.toString()
    if (tls !== undefined) {
      let endpoint = this.#endpoints.get(key)
      if (endpoint === undefined) {
        endpoint = tls.endpoint(peer, this.#signal)
        this.#endpoints.set(key, endpoint)
      }
      const found = await endpoint
      if (found !== undefined) {
        const cids = wanted.map((p) => p.cid)
        const outcome = await this.#receive(
          peer,
          wanted,
          tls.request(found, cids, this.#signal),
          true,
        )
        if (outcome.failed === undefined) return wanted.filter((p) => !this.#isSettled(p))
        this.#endpoints.set(key, Promise.resolve(undefined))
        log.warn('the block port of a peer failed; asking it over libp2p in this fetch', {
          peer: key,
          error: outcome.failed.message,
        })
        wanted = wanted.filter((p) => !this.#isSettled(p))
      }
    }
    const cids = wanted.map((p) => p.cid)
    const outcome = await this.#receive(
      peer,
      wanted,
      requestBlocks(libp2p, peer, cids, this.#signal),
      false,
    )
    if (outcome.failed !== undefined) {
      // Not a consortium node of this version, or gone: bitswap still asks it.
      this.#shunned.add(key)
      log.warn('a peer did not answer a block request; not asking it again in this fetch', {
        peer: key,
        error: outcome.failed.message,
      })
    }
    return wanted.filter((p) => !this.#isSettled(p))
  }

  /**
   * Checks and stores the answers of `peer` to `wanted`. A block that does not match its CID ends
   * the answers and shuns the peer for this fetch; `failed` is the error of answers that broke off.
   * A verified block is handed to the reader (see take) and its links planned at once, while it
   * is stored in the background (at most one request's blocks at a time); it settles once stored,
   * and every store has ended when this returns.
   */
  async #receive(
    peer: PeerId,
    wanted: Planned[],
    answers: AsyncIterable<Uint8Array | undefined>,
    overTls: boolean,
  ): Promise<{ failed?: Error }> {
    const { blockstore, log } = this.#components
    const stores: Promise<void>[] = []
    let index = 0
    try {
      for await (const bytes of answers) {
        const planned = wanted[index++]
        if (planned === undefined) throw new Error('more answers than CIDs asked')
        if (bytes === undefined) continue
        if (!blockMatches(planned.cid, bytes)) {
          this.stats.refused++
          this.#shunned.add(peer.toString())
          log.warn('a peer sent a block that does not match its CID; not asking it again', {
            peer: peer.toString(),
            cid: planned.cid.toString(),
          })
          return {}
        }
        this.stats.received++
        if (overTls) this.stats.overTls++
        this.#keep(planned.cid, bytes)
        await this.#planLinks(planned.cid, bytes)
        planned.arrive()
        stores.push(
          Promise.resolve(blockstore.put(planned.cid, bytes, { signal: this.#signal })).then(
            () => planned.settle(true),
            (error: unknown) => {
              // The reader may have its bytes already; anyone else asks bitswap for it.
              if (!this.#signal.aborted) {
                log.warn('could not store a fetched block', {
                  cid: planned.cid.toString(),
                  error: (error as Error).message,
                })
              }
              this.#giveUp(planned)
            },
          ),
        )
      }
      return {}
    } catch (error) {
      this.#signal.throwIfAborted()
      return { failed: error as Error }
    } finally {
      await Promise.all(stores)
    }
  }

  #isSettled(planned: Planned): boolean {
    return this.#settledKeys.has(planned.cid.toString())
  }

  /**
   * A block now in the repo: a DAG node's children are planned before it is announced, so a
   * reader that goes on to its children finds them planned (raw leaves have none).
   */
  async #stored(planned: Planned, bytes: Uint8Array | undefined): Promise<void> {
    try {
      await this.#planLinks(planned.cid, bytes)
    } finally {
      planned.settle(true)
    }
  }

  /** Plans the children of a DAG node (raw leaves have none); never throws. */
  async #planLinks(cid: CID, bytes: Uint8Array | undefined): Promise<void> {
    try {
      if (cid.code === raw.code) return
      const block = createUnsafe({
        cid,
        bytes: bytes ?? (await toBuffer(this.#components.local.get(cid, { signal: this.#signal }))),
        codec: await this.#components.getCodec(cid.code),
      })
      this.#plan([...block.links()].map(([, child]) => child))
    } catch (error) {
      // Not a DAG this node can read ahead: its reader will say so; the block itself is stored.
      this.#components.log.info('cannot plan the links of a block', {
        cid: cid.toString(),
        error: (error as Error).message,
      })
    }
  }

  #giveUp(planned: Planned): void {
    planned.settle(false)
  }

  #giveUpAll(): void {
    for (const planned of this.#planned.values()) planned.settle(false)
    this.#kept.clear()
    this.#keptBytes = 0
    this.#queue.length = 0
    this.#finished = true
    this.#notify()
  }
}

/** Which of Helia's blockstore methods a UnixFS reader uses. */
export type ReaderBlockstore = Pick<Blockstore, 'get' | 'put' | 'has'>

/**
 * `blockstore` for a reader that goes with `fetch`: a block the fetch planned is taken from the
 * fetch as soon as it arrived verified when the fetch kept it, else read once the fetch settled
 * it (from the repo, or from bitswap when the fetch gave it up), so the same block is never
 * wanted twice; any other block is read as usual.
 */
export function fetchingBlockstore(
  blockstore: ReaderBlockstore,
  fetch: DagFetch,
): ReaderBlockstore {
  fetch.handToReader()
  return {
    put: (...args) => blockstore.put(...args),
    has: (...args) => blockstore.has(...args),
    get: async function* (cid, options) {
      await fetch.arrived(cid)
      const kept = fetch.take(cid)
      if (kept !== undefined) {
        yield kept
        return
      }
      await fetch.wait(cid)
      yield* blockstore.get(cid, options)
    },
  }
}

/**
 * Runs `work` with a DagFetch of `root` (none when `components` is undefined: the exchange is
 * off). When `work` ends normally the fetch is let finish (its last blocks stored); it stops when
 * `signal` aborts and when `work` ends otherwise, so a reader that stops early leaves nothing
 * fetching.
 */
export async function* withDagFetch<T>(
  components: ExchangeComponents | undefined,
  root: CID,
  signal: AbortSignal,
  work: (fetch: DagFetch | undefined, signal: AbortSignal) => AsyncIterable<T> | Iterable<T>,
): AsyncGenerator<T, void, undefined> {
  if (components === undefined) {
    yield* work(undefined, signal)
    return
  }
  const ended = new AbortController()
  const both = AbortSignal.any([signal, ended.signal])
  try {
    const fetch = new DagFetch(components, root, both)
    yield* work(fetch, both)
    // The reader may have had the last blocks before they were stored: let the stores end.
    await fetch.done()
  } finally {
    ended.abort()
  }
}

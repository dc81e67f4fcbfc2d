/**
 * The node's IPFS: a Helia node on a private swarm. Built from the light constructors so nothing
 * reaches the public network: TCP + noise + yamux + identify behind a pre-shared key, bitswap as
 * the only block broker, configured peers and peers exchanged inside the swarm (peers.ts) instead
 * of public discovery: no DHT, mDNS, bootstrap list, relay, UPnP or autoNAT.
 */
import { isIPv6 } from 'node:net'
import path from 'node:path'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { withBitswap } from '@helia/bitswap'
import { withLibp2pLight } from '@helia/libp2p'
import { unixfs } from '@helia/unixfs'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { preSharedKey } from '@libp2p/pnet'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createHeliaLight } from 'helia'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { InvalidInputError, IpfsPortUnavailableError, PeerUnreachableError } from '../errors.ts'
import { silentLogger } from '../log.ts'
import { serveBlocks, withDagFetch, fetchingBlockstore } from './block-exchange.ts'
import {
  blockEndpoint,
  blockPortKey,
  requestBlocksTls,
  serveBlockPort,
  startBlockServer,
} from './block-server.ts'
import type { BlockServer } from './block-server.ts'
import { SingleFlight, withIdleTimeout } from './fetch.ts'
import { hashedLeaves, type HashedBlock } from './leaf-importer.ts'
import { linksOnlyWalker } from './pin-walker.ts'
import { DEFAULT_BACKOFF } from './backoff.ts'
import { PeerKeeper } from './peers.ts'
import { askConnectedPeers, servePinQueries } from './pin-census.ts'
import { openRepo } from './repo.ts'
import type { ExchangeComponents } from './block-exchange.ts'
import type { FetchOptions } from './fetch.ts'
import type { KnownPeer } from './peers.ts'
import type { Repo } from './repo.ts'
import type { Logger } from '../log.ts'
import type { HeliaWithLibp2p } from '@helia/libp2p'
import type { UnixFS } from '@helia/unixfs'
import type { Identify } from '@libp2p/identify'
import type { Ping } from '@libp2p/ping'
import type { AbortOptions } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export type { FetchOptions } from './fetch.ts'
export type { KnownPeer, PeerSource, PeerState } from './peers.ts'

/**
 * Blocks an import writes while taking the next ones (the importer's default is 10): it waits for
 * a whole batch before starting the next, and 32 keeps the file writes busy through that wait.
 */
const WRITE_AHEAD = 32

export interface IpfsOptions extends AbortOptions {
  /** Folder holding `blocks/` and `datastore/`; created when missing. */
  repoDir: string
  /** The swarm key, as returned by `parseSwarmKey` / `loadOrCreateSwarmKey`. */
  swarmKey: Uint8Array
  /** TCP port of the private swarm; 0 picks a free one. */
  listenPort: number
  /**
   * Interface to listen on.
   *
   * @default '0.0.0.0'
   */
  listenHost?: string
  /**
   * Multiaddrs of consortium peers, dialled on start and re-dialled while disconnected; the
   * peers they know are learned from them (peers.ts) and kept in the repo's known-peers.json.
   */
  peers: string[]
  /**
   * Wait before re-dialling a peer that dropped, in milliseconds; doubled (with jitter) after
   * each failed dial up to `redialMaxMs`, and reset by a connection.
   *
   * @default 1_000
   */
  redialMinMs?: number
  /**
   * Longest wait between two dials of an unreachable peer, in milliseconds.
   *
   * @default 60_000
   */
  redialMaxMs?: number
  /**
   * How often connected peers are pinged and asked for the peers they know, in milliseconds.
   *
   * @default 30_000
   */
  peerSurveyMs?: number
  /**
   * Time limit of one dial, in milliseconds.
   *
   * @default 5_000
   */
  dialTimeoutMs?: number
  /**
   * Default `timeoutMs` of fetches (`cat`, `getBlock`, `pin`) that give none.
   *
   * @default 30_000
   */
  fetchTimeoutMs?: number
  /**
   * Serve and fetch blocks over the consortium's direct protocol (see block-exchange.ts) before
   * bitswap; false leaves bitswap alone, as a node of an older version.
   *
   * @default true
   */
  blockExchange?: boolean
  /**
   * TCP port of the block port (block-server.ts: bulk block transfer over TLS keyed by the swarm
   * key), on `listenHost`; 0 picks a free one. Only with `blockExchange`.
   *
   * @default 0
   */
  blockPort?: number
  /**
   * Fetch over peers' block ports before the libp2p protocol; false serves the port but fetches
   * over libp2p only (for benchmarks and tests).
   *
   * @default true
   */
  fetchOverBlockPort?: boolean
  /**
   * Where the service reports start, stop and peer dials; the caller picks the namespace.
   *
   * @default silentLogger
   */
  log?: Logger
}

export interface IpfsService {
  /** This node's libp2p peer id, stable across restarts of the same repo. */
  readonly peerId: string
  /** Full multiaddrs others can dial, ending in /p2p/<peerId>. */
  listenAddresses(): string[]
  /** Peer ids of the peers connected now. */
  connectedPeers(): string[]
  /**
   * Every consortium peer this node knows (configured, exchanged, or that connected to it), with
   * its state, latency and when it was last seen; configured ones first.
   */
  knownPeers(): KnownPeer[]
  /** Total size of the block files in the repo. */
  repoSizeBytes(): Promise<number>
  /** Adds bytes as a UnixFS file and pins it. */
  addBytes(bytes: Uint8Array, options?: AbortOptions): Promise<CID>
  /**
   * Adds a UnixFS file made of these leaves, hashed beforehand (see `sealIntoBlocks`), and pins
   * it; a block is released once written. Leaves should stay under bitswap's 2 MiB block limit.
   */
  addBlocks(blocks: AsyncIterable<HashedBlock>, options?: AbortOptions): Promise<CID>
  /** Streams a UnixFS file, from the repo or from peers; ContentNotFoundError on timeout. */
  cat(cid: CID, options?: FetchOptions): AsyncIterable<Uint8Array>
  /** Reads one block, from the repo or from peers; ContentNotFoundError on timeout. */
  getBlock(cid: CID, options?: FetchOptions): Promise<Uint8Array>
  /** Whether the block is in the local repo, without asking peers. */
  hasBlock(cid: CID, options?: AbortOptions): Promise<boolean>
  /** Stores one raw block (CIDv1, sha2-256) and pins it. */
  putBlock(bytes: Uint8Array, options?: AbortOptions): Promise<CID>
  /** Pins a DAG, fetching the blocks it lacks from peers; does nothing if already pinned. */
  pin(cid: CID, options?: FetchOptions): Promise<void>
  /** Whether this node pins the CID (as root or as part of a pinned DAG). */
  isPinned(cid: CID, options?: AbortOptions): Promise<boolean>
  /**
   * Which of `cids` each connected EMR peer has pinned (the `/emr-node/pins/1.0.0` protocol,
   * pin-census.ts), by peer id; peers that do not answer are left out.
   */
  peersPinning(cids: readonly string[], options?: AbortOptions): Promise<Map<string, Set<string>>>
  /** Releases a pin, e.g. of an upload rolled back; the blocks go at the next garbage collection. */
  unpin(cid: CID, options?: AbortOptions): Promise<void>
  /**
   * Releases a pin and deletes the DAG's blocks from this node's repo at once, so this node no
   * longer serves them to the swarm (blocks another pin holds stay). Asks no peer for anything.
   */
  discard(cid: CID, options?: AbortOptions): Promise<void>
  /** Connects to a multiaddr and returns the remote peer id; PeerUnreachableError on failure. */
  dial(address: string, options?: AbortOptions): Promise<string>
  /** Stops Helia and closes both stores; safe to call more than once. */
  stop(): Promise<void>
}

type Node = HeliaWithLibp2p<{ identify: Identify; ping: Ping }>

/** Opens the repo under `repoDir`, starts a Helia node on the private swarm and dials the peers. */
export async function startIpfs(options: IpfsOptions): Promise<IpfsService> {
  const log = options.log ?? silentLogger
  options.signal?.throwIfAborted()
  const repo = await openRepo(options.repoDir)
  const listen = listenAddress(options)
  const helia = createNode(repo, listen, options.swarmKey)
  try {
    await helia.start()
    await servePinQueries(helia.libp2p, (cid, o) => helia.pins.isPinned(cid, o), log.child('pins'))
    options.signal?.throwIfAborted()
  } catch (error) {
    await helia.stop().catch(() => {})
    await repo.close()
    if ((error as Error).name !== 'UnsupportedListenAddressesError') throw error
    throw new IpfsPortUnavailableError(`Cannot listen on ${listen}: is the port in use?`, {
      cause: error,
    })
  }
  let peers: PeerKeeper
  try {
    peers = await PeerKeeper.start(helia.libp2p, parsePeers(options.peers, log), {
      dialTimeoutMs: options.dialTimeoutMs ?? 5_000,
      backoff: {
        baseMs: options.redialMinMs ?? DEFAULT_BACKOFF.baseMs,
        capMs: options.redialMaxMs ?? DEFAULT_BACKOFF.capMs,
      },
      surveyIntervalMs: options.peerSurveyMs ?? 30_000,
      storeFile: path.join(options.repoDir, 'known-peers.json'),
      log: log.child('peers'),
    })
  } catch (error) {
    await helia.stop().catch(() => {})
    await repo.close()
    throw error
  }
  let blockServer: BlockServer | undefined
  if (options.blockExchange !== false) {
    try {
      await serveBlocks(helia.libp2p, repo.blockstore, log.child('blocks'))
      blockServer = await startBlockServer({
        host: options.listenHost ?? '0.0.0.0',
        port: options.blockPort ?? 0,
        swarmKey: options.swarmKey,
        blocks: repo.blockstore,
        log: log.child('block-port'),
      })
      await serveBlockPort(helia.libp2p, blockServer.port)
    } catch (error) {
      await blockServer?.stop()
      await peers.stop()
      await helia.stop().catch(() => {})
      await repo.close()
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
      throw new IpfsPortUnavailableError(
        `Cannot listen for blocks on port ${options.blockPort}: is the port in use?`,
        { cause: error },
      )
    }
  }
  const service = new HeliaIpfsService(helia, repo, peers, blockServer, options, log)
  log.info('started', { peerId: service.peerId, listenAddresses: service.listenAddresses() })
  return service
}

function listenAddress(options: IpfsOptions): string {
  const host = options.listenHost ?? '0.0.0.0'
  return `/${isIPv6(host) ? 'ip6' : 'ip4'}/${host}/tcp/${options.listenPort}`
}

function createNode(repo: Repo, listen: string, swarmKey: Uint8Array): Node {
  const helia = createHeliaLight({ blockstore: repo.blockstore, datastore: repo.datastore })
  // No privateKey given: @helia/libp2p loads it from the keychain in the datastore, or creates
  // and saves one there on first start, so the peer id survives restarts.
  const node = withLibp2pLight(helia, {
    addresses: { listen: [listen] },
    transports: [tcp()],
    connectionProtector: preSharedKey({ psk: swarmKey }),
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    // The peer list's pings and libp2p's connection monitor both ping: one stream each at least.
    services: { identify: identify(), ping: ping({ maxOutboundStreams: 4 }) },
    // A ping queued behind megabytes of blocks on the same TCP connection (a record being
    // fetched) times out: the monitor must not then drop the connection and the transfer with
    // it. A dead peer is still found by TCP and re-dialled by the peer keeper.
    connectionMonitor: { abortConnectionOnPingFailure: false },
  })
  return withBitswap(node)
}

function parsePeers(addresses: string[], log: Logger): Multiaddr[] {
  return addresses.flatMap((address) => {
    try {
      return [multiaddr(address)]
    } catch {
      log.error('ignoring a peer address that is not a multiaddr', { address })
      return []
    }
  })
}

class HeliaIpfsService implements IpfsService {
  readonly peerId: string
  readonly #helia: Node
  readonly #fs: UnixFS
  readonly #repo: Repo
  readonly #peers: PeerKeeper
  readonly #blockServer: BlockServer | undefined
  readonly #dialTimeoutMs: number
  readonly #fetchTimeoutMs: number
  readonly #log: Logger
  #stopped: Promise<void> | undefined
  readonly #blockFetches = new SingleFlight<Uint8Array>()
  /** Set when blocks are fetched over the direct protocol first. */
  readonly #exchange: ExchangeComponents | undefined

  constructor(
    helia: Node,
    repo: Repo,
    peers: PeerKeeper,
    blockServer: BlockServer | undefined,
    options: IpfsOptions,
    log: Logger,
  ) {
    this.#helia = helia
    this.#blockServer = blockServer
    this.#fs = unixfs(helia)
    this.#repo = repo
    this.#peers = peers
    this.#dialTimeoutMs = options.dialTimeoutMs ?? 5_000
    this.#fetchTimeoutMs = options.fetchTimeoutMs ?? 30_000
    this.#log = log
    this.peerId = helia.libp2p.peerId.toString()
    if (options.blockExchange !== false) {
      const psk = blockPortKey(options.swarmKey)
      this.#exchange = {
        libp2p: helia.libp2p,
        tls:
          options.fetchOverBlockPort === false
            ? undefined
            : {
                endpoint: (peer, signal) => blockEndpoint(helia.libp2p, peer, signal),
                request: (endpoint, cids, signal) => requestBlocksTls(endpoint, psk, cids, signal),
              },
        local: repo.blockstore,
        blockstore: helia.blockstore,
        getCodec: async (code) => helia.getCodec(code),
        inFlight: new Map(),
        log: log.child('blocks'),
      }
    }
  }

  listenAddresses(): string[] {
    return this.#helia.libp2p.getMultiaddrs().map(String)
  }

  connectedPeers(): string[] {
    return this.#helia.libp2p.getPeers().map(String)
  }

  knownPeers(): KnownPeer[] {
    return this.#peers.knownPeers()
  }

  async repoSizeBytes(): Promise<number> {
    return this.#repo.blockstore.sizeBytes
  }

  async addBytes(bytes: Uint8Array, options: AbortOptions = {}): Promise<CID> {
    const cid = await this.#fs.addBytes(bytes, { signal: options.signal })
    await this.#pinAdded(cid, options)
    return cid
  }

  async addBlocks(blocks: AsyncIterable<HashedBlock>, options: AbortOptions = {}): Promise<CID> {
    const { content, chunker, bufferImporter } = hashedLeaves(blocks)
    const cid = await this.#fs.addByteStream(content, {
      signal: options.signal,
      chunker,
      bufferImporter,
      blockWriteConcurrency: WRITE_AHEAD,
    })
    await this.#pinAdded(cid, options)
    return cid
  }

  cat(cid: CID, options: FetchOptions = {}): AsyncIterable<Uint8Array> {
    return this.#fetch(cid, options, (signal) =>
      withDagFetch(this.#exchange, cid, signal, (fetch, signal) =>
        fetch === undefined
          ? this.#fs.cat(cid, { signal })
          : unixfs({ blockstore: fetchingBlockstore(this.#helia.blockstore, fetch) }).cat(cid, {
              signal,
            }),
      ),
    )
  }

  /**
   * Concurrent callers for one block share one fetch (see SingleFlight), bounded by the first
   * caller's time limit; each caller's own signal still ends its wait.
   */
  getBlock(cid: CID, options: FetchOptions = {}): Promise<Uint8Array> {
    const fetchBlock = async () => {
      const chunks: Uint8Array[] = []
      for await (const chunk of this.#fetch(cid, { timeoutMs: options.timeoutMs }, (signal) =>
        this.#helia.blockstore.get(cid, { signal }),
      )) {
        chunks.push(chunk)
      }
      return Buffer.concat(chunks)
    }
    return this.#blockFetches.run(cid.toString(), fetchBlock, options.signal)
  }

  async hasBlock(cid: CID, options: AbortOptions = {}): Promise<boolean> {
    return this.#helia.blockstore.has(cid, options)
  }

  async putBlock(bytes: Uint8Array, options: AbortOptions = {}): Promise<CID> {
    const cid = CID.createV1(raw.code, await sha256.digest(bytes))
    await this.#helia.blockstore.put(cid, bytes, options)
    await this.#pinAdded(cid, options)
    return cid
  }

  async pin(cid: CID, options: FetchOptions = {}): Promise<void> {
    if (await this.#helia.pins.isPinned(cid, options)) return
    const pins = this.#helia.pins
    try {
      // The direct fetch first brings what it can; the pin's walk asks bitswap for the rest.
      const pinning = this.#fetch(cid, options, (signal) =>
        withDagFetch(this.#exchange, cid, signal, async function* (fetch, signal) {
          if (fetch !== undefined) yield* fetch.progress()
          // Every block fetched and checked: the walk need not read the leaves back (nor use
          // Helia's queued walker, whose abort can go unhandled).
          const walker = fetch?.complete === true ? linksOnlyWalker() : undefined
          yield* pins.add(cid, { signal, walker })
        }),
      )
      while (!(await pinning.next()).done) {
        // Each step fetches (when missing) and pins one block of the DAG.
      }
    } catch (error) {
      // Another caller pinned it meanwhile: the outcome is the one asked for.
      if ((error as Error).name !== 'AlreadyPinnedError') throw error
    }
  }

  /** Pins what this node just added: every block is local, so raw leaves need no reading. */
  async #pinAdded(cid: CID, options: AbortOptions): Promise<void> {
    if (await this.#helia.pins.isPinned(cid, options)) return
    for await (const _ of this.#helia.pins.add(cid, { ...options, walker: linksOnlyWalker() })) {
      // Each step records one block of the DAG as pinned.
    }
  }

  isPinned(cid: CID, options: AbortOptions = {}): Promise<boolean> {
    return this.#helia.pins.isPinned(cid, options)
  }

  peersPinning(
    cids: readonly string[],
    options: AbortOptions = {},
  ): Promise<Map<string, Set<string>>> {
    return askConnectedPeers(this.#helia.libp2p, cids, options)
  }

  async unpin(cid: CID, options: AbortOptions = {}): Promise<void> {
    if (!(await this.#helia.pins.isPinned(cid, options))) return
    for await (const _ of this.#helia.pins.rm(cid, { ...options, walker: linksOnlyWalker() })) {
      // Each step unpins one block of the DAG.
    }
  }

  async discard(cid: CID, options: AbortOptions = {}): Promise<void> {
    await this.unpin(cid, options)
    const walker = linksOnlyWalker()({
      blockstore: this.#helia.blockstore,
      getCodec: this.#helia.getCodec,
    })
    const blocks: CID[] = []
    try {
      // Offline: a block this node lacks is none of its to delete, and is never asked for.
      for await (const { block } of walker.walk(cid, { ...options, offline: true } as AbortOptions))
        blocks.push(block.cid)
    } catch (error) {
      if ((error as Error).name !== 'BlockNotFoundWhileOfflineError') throw error
    }
    // The repo's own store: Helia's would first cancel re-providing, and this node has no
    // content routers to tell.
    const store = this.#repo.blockstore
    for (const block of blocks) {
      if (await this.#helia.pins.isPinned(block, options)) continue
      if (await store.has(block, options)) await store.delete(block, options)
    }
  }

  async dial(address: string, options: AbortOptions = {}): Promise<string> {
    let target: Multiaddr
    try {
      target = multiaddr(address)
    } catch (error) {
      throw new InvalidInputError(`Not a multiaddr: ${address}`, { cause: error })
    }
    const timeout = AbortSignal.timeout(this.#dialTimeoutMs)
    const signal =
      options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal])
    try {
      const connection = await this.#helia.libp2p.dial(target, { signal })
      return connection.remotePeer.toString()
    } catch (error) {
      options.signal?.throwIfAborted()
      // A peer with another swarm key reads our handshake as noise and may never answer.
      const reason = timeout.aborted
        ? `no handshake within ${this.#dialTimeoutMs} ms (is it up, with the same swarm key?)`
        : (error as Error).message
      throw new PeerUnreachableError(`Cannot connect to ${address}: ${reason}`, { cause: error })
    }
  }

  stop(): Promise<void> {
    this.#stopped ??= this.#stop()
    return this.#stopped
  }

  async #stop(): Promise<void> {
    await this.#blockServer?.stop()
    await this.#peers.stop()
    try {
      await this.#helia.stop()
    } finally {
      await this.#repo.close()
    }
    this.#log.info('stopped', { peerId: this.peerId })
  }

  #fetch<T>(
    cid: CID,
    options: FetchOptions,
    start: (signal: AbortSignal) => AsyncIterable<T> | Iterable<T>,
  ): AsyncGenerator<T, void, undefined> {
    return withIdleTimeout(cid, options.timeoutMs ?? this.#fetchTimeoutMs, options.signal, start)
  }
}

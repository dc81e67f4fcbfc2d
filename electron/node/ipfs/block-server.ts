/**
 * The block port: bulk block transfer between consortium nodes over Node's native TLS instead of
 * libp2p's connection, whose two ciphers in JavaScript (the swarm key's XSalsa20, then noise)
 * bound one connection to tens of MB/s (docs/performance.md). TLS 1.2 with a pre-shared key
 * (PSK-AES128-GCM-SHA256, OpenSSL's AES-GCM): the key is derived from the swarm key, so the
 * handshake itself is the membership proof the swarm asks for, and a client without the swarm key
 * gets nothing, not even an answer. No certificate: the PSK authenticates both ends.
 *
 * What is served: the same frames as `/emr-node/blocks/1.0.0` (block-exchange.ts, whose request
 * and answer code this reuses): a request of at most MAX_CIDS_PER_REQUEST CIDs, answered in order
 * by blocks of the node's own repo (at most MAX_BLOCK_BYTES each) or a missing mark; several
 * requests may follow on one connection. Every block is still checked against its CID by the
 * fetcher (block-exchange.ts), which drops a peer that lies.
 *
 * Discovery: a peer tells its block port over libp2p (`/emr-node/block-port/1.0.0`, two bytes);
 * the fetcher dials that port on the IP address of its libp2p connection to the peer, never any
 * other address, and falls back to the libp2p protocol when the port does not answer.
 */
import { hkdfSync } from 'node:crypto'
import { once } from 'node:events'
import { isIP } from 'node:net'
import tls from 'node:tls'
import {
  ByteReader,
  IDLE_MS,
  answerRequest,
  encodeRequest,
  readAnswers,
  readRequest,
} from './block-exchange.ts'
import type { LocalBlocks } from './block-exchange.ts'
import type { CID } from 'multiformats/cid'
import type { Libp2p, PeerId, Stream } from '@libp2p/interface'
import type { Logger } from '../log.ts'

export const BLOCK_PORT_PROTOCOL = '/emr-node/block-port/1.0.0'
/** The only PSK identity; the key, not the name, is the secret. */
const IDENTITY = 'emr-node/blocks'
const HKDF_INFO = 'emr-node/block-transfer/1'
const TLS_OPTIONS = {
  ciphers: 'PSK-AES128-GCM-SHA256',
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.2',
} as const
/** Connections served at once; one more is closed at once (its fetcher falls back to libp2p). */
export const MAX_CONNECTIONS = 16
/** Longest wait for a client's handshake. */
const HANDSHAKE_MS = 5_000

/** The TLS key of the block port: HKDF-SHA256 of the swarm key. Never logged. */
export function blockPortKey(swarmKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', swarmKey, new Uint8Array(0), HKDF_INFO, 32))
}

export interface BlockServer {
  /** The TCP port it listens on. */
  readonly port: number
  /** Stops listening and closes every connection. */
  stop(): Promise<void>
}

export interface BlockServerOptions {
  host: string
  /** 0 picks a free port. */
  port: number
  swarmKey: Uint8Array
  blocks: LocalBlocks
  log: Logger
}

/** Serves `blocks` on `host:port` to clients holding the swarm key. */
export async function startBlockServer(options: BlockServerOptions): Promise<BlockServer> {
  const { blocks, log } = options
  const psk = blockPortKey(options.swarmKey)
  const sockets = new Set<tls.TLSSocket>()
  const server = tls.createServer(
    {
      ...TLS_OPTIONS,
      handshakeTimeout: HANDSHAKE_MS,
      pskCallback: (_socket, identity) => (identity === IDENTITY ? psk : null),
    },
    (socket) => {
      sockets.add(socket)
      socket.once('close', () => sockets.delete(socket))
      void serveConnection(socket, blocks, log)
    },
  )
  server.maxConnections = MAX_CONNECTIONS
  // A client without the swarm key: its handshake fails and the socket is closed, nothing sent.
  server.on('tlsClientError', (error) =>
    log.warn('refused a block port connection', { error: error.message }),
  )
  server.listen(options.port, options.host)
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => Promise.reject(error as Error)),
  ])
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : options.port
  return {
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }
}

/** Answers requests on one connection until the client ends it, idles or asks wrongly. */
async function serveConnection(socket: tls.TLSSocket, blocks: LocalBlocks, log: Logger) {
  socket.setTimeout(IDLE_MS, () => socket.destroy())
  socket.on('error', () => {})
  try {
    const reader = new ByteReader(socket)
    while (!(await reader.ended())) {
      const cids = await readRequest(reader)
      await answerRequest(
        cids,
        blocks,
        (bytes) => write(socket, bytes),
        () => {},
      )
    }
    socket.end()
  } catch (error) {
    if (!socket.destroyed) log.warn('refused a block request', { error: (error as Error).message })
    socket.destroy()
  }
}

/** Writes `bytes`, waiting while the socket's buffer is full; rejects when it closes first. */
async function write(socket: tls.TLSSocket, bytes: Uint8Array): Promise<void> {
  if (socket.destroyed) throw new Error('the connection closed')
  if (socket.write(bytes)) return
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      socket.off('drain', done)
      socket.off('close', closed)
      resolve()
    }
    const closed = () => {
      socket.off('drain', done)
      reject(new Error('the connection closed'))
    }
    socket.on('drain', done)
    socket.on('close', closed)
  })
}

export interface BlockEndpoint {
  host: string
  port: number
}

/**
 * Asks `host:port` for `cids` over TLS with the block port's key; yields each block's bytes
 * (unchecked: the caller checks them against their CIDs) or undefined when the peer lacks it.
 * Throws when the port does not answer, the handshake fails, or the answer is malformed.
 */
export async function* requestBlocksTls(
  endpoint: BlockEndpoint,
  psk: Buffer,
  cids: CID[],
  signal: AbortSignal,
): AsyncGenerator<Uint8Array | undefined, void, undefined> {
  signal.throwIfAborted()
  const socket = tls.connect({
    ...TLS_OPTIONS,
    host: endpoint.host,
    port: endpoint.port,
    checkServerIdentity: () => undefined,
    pskCallback: () => ({ psk, identity: IDENTITY }),
  })
  const onAbort = () => socket.destroy(new Error('fetch aborted'))
  signal.addEventListener('abort', onAbort, { once: true })
  socket.setTimeout(IDLE_MS, () => socket.destroy(new Error(`no progress in ${IDLE_MS} ms`)))
  try {
    await Promise.race([
      once(socket, 'secureConnect'),
      once(socket, 'close').then(() => Promise.reject(new Error('the block port closed'))),
    ])
    socket.write(encodeRequest(cids))
    yield* readAnswers(new ByteReader(socket), cids.length, () => {})
    socket.end()
  } finally {
    signal.removeEventListener('abort', onAbort)
    socket.destroy()
  }
}

/** Tells peers this node's block port over libp2p. */
export async function serveBlockPort(libp2p: Libp2p, port: number): Promise<void> {
  await libp2p.handle(BLOCK_PORT_PROTOCOL, async (stream: Stream) => {
    try {
      stream.send(Uint8Array.of(port >> 8, port & 0xff))
      await stream.close()
    } catch (error) {
      stream.abort(error as Error)
    }
  })
}

/**
 * Where `peer` serves blocks over TLS: its block port on the IP address this node's libp2p
 * connection to it goes to (nothing a peer says can point the fetch elsewhere); undefined when it
 * has none (an older node, or the exchange off) or the connection is not over IP.
 */
export async function blockEndpoint(
  libp2p: Libp2p,
  peer: PeerId,
  signal: AbortSignal,
): Promise<BlockEndpoint | undefined> {
  const connection = libp2p.getConnections(peer).find((c) => c.status === 'open')
  const first = connection?.remoteAddr.getComponents()[0]
  if (first === undefined || first.value === undefined || isIP(first.value) === 0) return undefined
  if (first.name !== 'ip4' && first.name !== 'ip6') return undefined
  try {
    const stream = await libp2p.dialProtocol(peer, BLOCK_PORT_PROTOCOL, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(IDLE_MS)]),
    })
    // A peer that accepts the stream and never answers does not hold the fetch.
    const timer = setTimeout(() => stream.abort(new Error('no block port told')), IDLE_MS)
    let bytes: Uint8Array
    try {
      bytes = await new ByteReader(stream).read(2)
    } finally {
      clearTimeout(timer)
    }
    await stream.close().catch(() => {})
    const port = (bytes[0]! << 8) | bytes[1]!
    return port === 0 ? undefined : { host: first.value, port }
  } catch {
    signal.throwIfAborted()
    return undefined
  }
}

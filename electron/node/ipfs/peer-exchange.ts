/**
 * Peer exchange inside the private swarm: a node asked on `/emr-node/peer-exchange/1.0.0` answers
 * with the consortium peers it has itself been connected to (peer id and TCP listen addresses),
 * as one JSON message, then closes the stream. Only nodes holding the swarm key can connect, but
 * an answer is still read as untrusted input: bounded in size, every address parsed, junk
 * dropped, counts capped, and the asker's own id never taken.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { base58btc } from 'multiformats/bases/base58'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import type { Libp2p, Stream } from '@libp2p/interface'

export const PEER_EXCHANGE_PROTOCOL = '/emr-node/peer-exchange/1.0.0'

/** Most peers one answer carries, and taken from one answer. */
export const MAX_EXCHANGED_PEERS = 64
/** Most addresses kept per peer. */
export const MAX_ADDRESSES_PER_PEER = 8
/** Largest answer read; 64 peers of 8 addresses fit in a fraction of it. */
export const MAX_EXCHANGE_BYTES = 64 * 1024

/** A peer as exchanged: its id and its transport addresses, without the /p2p/ part. */
export interface ExchangedPeer {
  peerId: string
  addresses: string[]
}

const TCP_HOSTS = new Set(['ip4', 'ip6', 'dns', 'dns4', 'dns6'])
const UNSPECIFIED = new Set(['0.0.0.0', '::'])

/** Multihash codes of peer ids: identity (a key inlined) and sha2-256 (a key hashed). */
const IDENTITY = 0x00
const SHA2_256 = 0x12
/** The CID codec of peer ids written as CIDs. */
const LIBP2P_KEY = 0x72

/**
 * A peer id as libp2p writes it (a base58 multihash, or a CID with the libp2p-key codec),
 * decoded to check it; undefined when it is not one.
 */
export function validPeerId(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 128) return undefined
  const isPeerHash = (digest: Digest.Digest<number, number>) =>
    (digest.code === IDENTITY && digest.size <= 64) ||
    (digest.code === SHA2_256 && digest.size === 32)
  try {
    if (isPeerHash(Digest.decode(base58btc.baseDecode(value)))) return value
  } catch {
    // Not a base58 multihash: maybe a CID.
  }
  try {
    const cid = CID.parse(value)
    return cid.code === LIBP2P_KEY && isPeerHash(cid.multihash) ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * A dialable TCP address of `peerId`: `/ip4|ip6|dns*\/HOST/tcp/PORT`, optionally followed by
 * `/p2p/<peerId>` (dropped), with a real host and port; undefined for anything else (another
 * transport, a relay, the unspecified address, port 0, another peer's id, not a multiaddr).
 */
export function validPeerAddress(value: unknown, peerId: string): string | undefined {
  if (typeof value !== 'string' || value.length > 256) return undefined
  let components
  try {
    components = multiaddr(value).getComponents()
  } catch {
    return undefined
  }
  const [host, tcp, p2p, ...rest] = components
  if (host === undefined || tcp === undefined || rest.length > 0) return undefined
  if (!TCP_HOSTS.has(host.name) || host.value === undefined || UNSPECIFIED.has(host.value))
    return undefined
  const port = Number(tcp.value)
  if (tcp.name !== 'tcp' || !Number.isInteger(port) || port < 1 || port > 65_535) return undefined
  if (p2p !== undefined && (p2p.name !== 'p2p' || p2p.value !== peerId)) return undefined
  return `/${host.name}/${host.value}/tcp/${port}`
}

/**
 * The peers of an exchange answer worth keeping: at most MAX_EXCHANGED_PEERS, each with a valid
 * id other than `ownPeerId` and 1 to MAX_ADDRESSES_PER_PEER valid addresses (duplicates merged);
 * everything else in the answer is ignored.
 */
export function validateExchangedPeers(answer: unknown, ownPeerId: string): ExchangedPeer[] {
  const list = (answer as { peers?: unknown } | null)?.peers
  if (!Array.isArray(list)) return []
  const peers = new Map<string, Set<string>>()
  for (const entry of list.slice(0, MAX_EXCHANGED_PEERS * 4)) {
    if (peers.size >= MAX_EXCHANGED_PEERS) break
    const peerId = validPeerId((entry as { peerId?: unknown } | null)?.peerId)
    if (peerId === undefined || peerId === ownPeerId) continue
    const given = (entry as { addresses?: unknown }).addresses
    if (!Array.isArray(given)) continue
    const addresses = peers.get(peerId) ?? new Set<string>()
    for (const value of given.slice(0, MAX_ADDRESSES_PER_PEER * 4)) {
      if (addresses.size >= MAX_ADDRESSES_PER_PEER) break
      const address = validPeerAddress(value, peerId)
      if (address !== undefined) addresses.add(address)
    }
    if (addresses.size > 0) peers.set(peerId, addresses)
  }
  return [...peers].map(([peerId, addresses]) => ({ peerId, addresses: [...addresses] }))
}

/** The answer this node gives: its peers, capped to what an asker will read. */
export function encodeExchange(peers: ExchangedPeer[]): Uint8Array {
  const capped = peers.slice(0, MAX_EXCHANGED_PEERS).map((peer) => ({
    peerId: peer.peerId,
    addresses: peer.addresses.slice(0, MAX_ADDRESSES_PER_PEER),
  }))
  return new TextEncoder().encode(JSON.stringify({ peers: capped }))
}

/** Answers every ask on this node with `peers()` at that moment. */
export async function servePeerExchange(
  libp2p: Libp2p,
  peers: () => ExchangedPeer[],
): Promise<void> {
  await libp2p.handle(
    PEER_EXCHANGE_PROTOCOL,
    async (stream: Stream) => {
      try {
        stream.send(encodeExchange(peers()))
        await stream.close({ signal: AbortSignal.timeout(5_000) })
      } catch (error) {
        stream.abort(error as Error)
      }
    },
    { maxInboundStreams: 4, maxOutboundStreams: 4 },
  )
}

/**
 * Asks a connected peer for the peers it knows; an answer larger than MAX_EXCHANGE_BYTES, or
 * that is not JSON, aborts the stream and gives nothing.
 */
export async function askForPeers(
  libp2p: Libp2p,
  peerId: Parameters<Libp2p['dialProtocol']>[0],
  signal: AbortSignal,
): Promise<ExchangedPeer[]> {
  const stream = await libp2p.dialProtocol(peerId, PEER_EXCHANGE_PROTOCOL, { signal })
  const onAbort = () => stream.abort(new Error('peer exchange aborted'))
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of stream) {
      const bytes = chunk.subarray()
      size += bytes.byteLength
      if (size > MAX_EXCHANGE_BYTES) {
        stream.abort(new Error('peer exchange answer too large'))
        return []
      }
      chunks.push(bytes)
    }
    let answer: unknown
    try {
      answer = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return []
    }
    return validateExchangedPeers(answer, libp2p.peerId.toString())
  } finally {
    signal.removeEventListener('abort', onAbort)
    await stream.close().catch(() => {})
  }
}

import type { ChainOutageView } from './chain/chain-health.ts'
import type { NodeSecretSource } from './vault/node-secret.ts'

/** A consortium peer on the status screen's peer list (ipfs/peers.ts keeps them). */
export interface PeerStatus {
  /** null: a configured address whose node has not answered yet. */
  peerId: string | null
  /** Addresses dialled, without the /p2p/ part; the configured one first. */
  addresses: string[]
  /** configured: settings or site configuration; exchanged: told by a peer; inbound: dialled us. */
  source: 'configured' | 'exchanged' | 'inbound'
  /** reconnecting: re-dialled with backoff; unreachable: many failed dials, or no address. */
  state: 'connected' | 'reconnecting' | 'unreachable'
  /** Round trip of the last ping, in milliseconds; null before the first answer. */
  latencyMs: number | null
  /** ISO time this node last had a connection to it (now while connected); null: never. */
  lastSeen: string | null
  /** Failed dials since the last connection. */
  failures: number
}

/** What the node status screen, `cli status` and the benchmarks read. */
export interface NodeStatus {
  version: string
  dataDir: string
  startedAt: string
  /** Where the node's protected secret lives; null: none, so automatic emergency release is off. */
  nodeSecret: NodeSecretSource | null
  chain: {
    mode: 'embedded' | 'external'
    /** JSON-RPC URL of the chain: the external endpoint, or the one other nodes join this one by. */
    rpcUrl: string | null
    /** Where this node serves its embedded chain to other nodes; null when it does not. */
    gateway: { host: string; port: number } | null
    chainId: number
    /** The chain's head; while it cannot be reached, the last block this node indexed. */
    blockHeight: number
    /** Null while the chain answers; else since when it has not, and the last error. */
    outage: ChainOutageView | null
    contractAddress: string
  }
  ipfs: {
    peerId: string
    listenAddresses: string[]
    connectedPeers: string[]
    /** Every known consortium peer: configured, exchanged, or that connected to this node. */
    peers: PeerStatus[]
    repoSizeBytes: number
  }
  database: {
    path: string
    schemaVersion: number
    indexedEvents: number
  }
}

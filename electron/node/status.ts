import type { ChainOutageView } from './chain/chain-health.ts'
import type { NodeSecretSource } from './vault/node-secret.ts'

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
    repoSizeBytes: number
  }
  database: {
    path: string
    schemaVersion: number
    indexedEvents: number
  }
}

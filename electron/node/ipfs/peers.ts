/**
 * Keeps the configured consortium peers connected: dials each on start and again every
 * `intervalMs` while it is disconnected. Failures are logged, once per outage, never thrown.
 */
import type { Logger } from '../log.ts'
import type { Libp2p } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export interface PeerKeeperOptions {
  intervalMs: number
  dialTimeoutMs: number
  log: Logger
}

export interface PeerKeeper {
  /** Stops re-dialling and waits for dials in flight to settle. */
  stop(): Promise<void>
}

interface KeptPeer {
  address: Multiaddr
  /** From the address's /p2p/ part, or learnt by the first successful dial. */
  peerId: string | undefined
  reachable: boolean | undefined
}

/** Starts keeping `addresses` connected. */
export function keepPeersConnected(
  libp2p: Libp2p,
  addresses: Multiaddr[],
  options: PeerKeeperOptions,
): PeerKeeper {
  const { intervalMs, dialTimeoutMs, log } = options
  const stopping = new AbortController()
  const peers: KeptPeer[] = addresses.map((address) => ({
    address,
    peerId: address.getComponents().find((component) => component.name === 'p2p')?.value,
    reachable: undefined,
  }))
  let round: Promise<void> | undefined

  const isConnected = (peer: KeptPeer) =>
    peer.peerId !== undefined &&
    libp2p.getConnections().some((connection) => connection.remotePeer.toString() === peer.peerId)

  async function redial(peer: KeptPeer): Promise<void> {
    if (isConnected(peer)) return
    try {
      const signal = AbortSignal.any([stopping.signal, AbortSignal.timeout(dialTimeoutMs)])
      const connection = await libp2p.dial(peer.address, { signal })
      peer.peerId = connection.remotePeer.toString()
      if (peer.reachable !== true) log.info('connected', { address: peer.address.toString() })
      peer.reachable = true
    } catch (error) {
      if (stopping.signal.aborted) return
      if (peer.reachable !== false) {
        log.warn('peer unreachable, retrying', {
          address: peer.address.toString(),
          retryMs: intervalMs,
          error: String(error),
        })
      }
      peer.reachable = false
    }
  }

  function runRound(): void {
    if (round !== undefined || stopping.signal.aborted) return
    round = Promise.all(peers.map(redial)).then(() => {
      round = undefined
    })
  }

  runRound()
  const timer = setInterval(runRound, intervalMs)
  timer.unref()

  return {
    async stop() {
      clearInterval(timer)
      stopping.abort()
      await round
    },
  }
}

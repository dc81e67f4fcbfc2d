/**
 * Keeps the consortium's peers connected: those configured (settings, site configuration), those
 * other peers told this node about (peer exchange) and those that connected to it. Each peer is
 * re-dialled on its own schedule while disconnected, with exponential backoff and jitter, reset
 * by a connection. Connected peers are asked for their peers on connection and every
 * `surveyIntervalMs`, and pinged for the peer list's latency. Peers not configured are written to
 * `storeFile`, so a restart knows them even when no configured peer is up.
 */
import { readFile, rename, writeFile } from 'node:fs/promises'
import { multiaddr } from '@multiformats/multiaddr'
import { PRIVATE_FILE_MODE } from '../data-folder.ts'
import { backoffDelayMs, type BackoffOptions } from './backoff.ts'
import {
  askForPeers,
  MAX_ADDRESSES_PER_PEER,
  PEER_EXCHANGE_PROTOCOL,
  servePeerExchange,
  validPeerAddress,
  validPeerId,
  type ExchangedPeer,
} from './peer-exchange.ts'
import type { Logger } from '../log.ts'
import type { IdentifyResult, Libp2p, PeerId } from '@libp2p/interface'
import type { Ping } from '@libp2p/ping'
import type { Multiaddr } from '@multiformats/multiaddr'

/** connected; reconnecting: re-dialled with backoff; unreachable: failed often, or no address. */
export type PeerState = 'connected' | 'reconnecting' | 'unreachable'
/** configured: settings or site configuration; exchanged: told by a peer; inbound: dialled us. */
export type PeerSource = 'configured' | 'exchanged' | 'inbound'

export interface KnownPeer {
  /** null: a configured address without /p2p/ whose node has not answered yet. */
  peerId: string | null
  /** Addresses dialled, without the /p2p/ part; the configured one first. */
  addresses: string[]
  source: PeerSource
  state: PeerState
  /** Round trip of the last ping, in milliseconds; null before the first answer. */
  latencyMs: number | null
  /** When this node last had a live connection to it (now while connected); null: never. */
  lastSeen: string | null
  /** Failed dials since the last connection. */
  failures: number
}

/** Failed dials in a row after which a peer shows as unreachable (about 30 s at the defaults). */
export const UNREACHABLE_AFTER_FAILURES = 5
/** Peers kept besides the configured ones; more are ignored until some are forgotten. */
export const MAX_LEARNED_PEERS = 64

export interface PeerKeeperOptions {
  dialTimeoutMs: number
  backoff: BackoffOptions
  /** How often connected peers are pinged and asked for their peers, in milliseconds. */
  surveyIntervalMs: number
  /** The JSON file the learned peers are kept in. */
  storeFile: string
  log: Logger
}

interface Entry {
  peerId: string | undefined
  /** The address IT configured, dialled as given. */
  configured: Multiaddr | undefined
  /** Addresses learned (identify, exchange), without /p2p/. */
  addresses: string[]
  source: PeerSource
  failures: number
  latencyMs: number | null
  lastSeen: number | null
  timer: NodeJS.Timeout | undefined
  dialing: boolean
}

interface StoredPeers {
  format: 'emr-node-known-peers/1'
  peers: { peerId: string; addresses: string[]; source: PeerSource; lastSeen: string | null }[]
}

type Node = Libp2p<{ ping: Ping }>

export class PeerKeeper {
  readonly #libp2p: Node
  readonly #options: PeerKeeperOptions
  readonly #log: Logger
  readonly #entries: Entry[] = []
  readonly #stopping = new AbortController()
  readonly #inFlight = new Set<Promise<void>>()
  readonly #survey: NodeJS.Timeout
  #saving: Promise<void> = Promise.resolve()
  #saveQueued = false

  private constructor(libp2p: Node, options: PeerKeeperOptions) {
    this.#libp2p = libp2p
    this.#options = options
    this.#log = options.log
    this.#survey = setInterval(() => this.#surveyConnected(), options.surveyIntervalMs)
    this.#survey.unref()
  }

  /** Starts keeping `configured` and the stored learned peers connected, and serves the exchange. */
  static async start(
    libp2p: Node,
    configured: Multiaddr[],
    options: PeerKeeperOptions,
  ): Promise<PeerKeeper> {
    const keeper = new PeerKeeper(libp2p, options)
    for (const address of configured) {
      const peerId = address.getComponents().find((component) => component.name === 'p2p')?.value
      keeper.#entries.push(newEntry({ peerId, configured: address, source: 'configured' }))
    }
    for (const stored of await loadStoredPeers(options.storeFile, libp2p.peerId.toString())) {
      if (keeper.#byPeerId(stored.peerId)) continue
      keeper.#entries.push(
        newEntry({
          peerId: stored.peerId,
          addresses: stored.addresses,
          source: stored.source,
          lastSeen: stored.lastSeen,
        }),
      )
    }
    await servePeerExchange(libp2p, () => keeper.#exchangeable())
    libp2p.addEventListener('peer:connect', keeper.#onConnect)
    libp2p.addEventListener('peer:identify', keeper.#onIdentify)
    libp2p.addEventListener('peer:disconnect', keeper.#onDisconnect)
    for (const entry of keeper.#entries) keeper.#dial(entry)
    return keeper
  }

  /** Every known peer with its state, configured ones first. */
  knownPeers(): KnownPeer[] {
    const now = Date.now()
    return this.#entries.map((entry) => {
      const connected = this.#isConnected(entry)
      const lastSeen = connected ? now : entry.lastSeen
      return {
        peerId: entry.peerId ?? null,
        addresses: dialledAddresses(entry),
        source: entry.source,
        state: connected
          ? 'connected'
          : entry.failures >= UNREACHABLE_AFTER_FAILURES || dialTargets(entry).length === 0
            ? 'unreachable'
            : 'reconnecting',
        latencyMs: entry.latencyMs,
        lastSeen: lastSeen === null ? null : new Date(lastSeen).toISOString(),
        failures: entry.failures,
      }
    })
  }

  /** Stops re-dialling and asking, and waits for dials, asks and the last write to settle. */
  async stop(): Promise<void> {
    this.#stopping.abort()
    clearInterval(this.#survey)
    for (const entry of this.#entries) clearTimeout(entry.timer)
    this.#libp2p.removeEventListener('peer:connect', this.#onConnect)
    this.#libp2p.removeEventListener('peer:identify', this.#onIdentify)
    this.#libp2p.removeEventListener('peer:disconnect', this.#onDisconnect)
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight])
    await this.#saving
  }

  #byPeerId(peerId: string): Entry | undefined {
    return this.#entries.find((entry) => entry.peerId === peerId)
  }

  #isConnected(entry: Entry): boolean {
    if (entry.peerId === undefined) return false
    return this.#libp2p
      .getConnections()
      .some((connection) => connection.remotePeer.toString() === entry.peerId)
  }

  /** Runs `task` as tracked work that stop() waits for; never while stopping. */
  #track(task: () => Promise<void>): void {
    if (this.#stopping.signal.aborted) return
    const running: Promise<void> = task()
      .catch((error: unknown) => this.#log.warn('peer task failed', { error: String(error) }))
      .finally(() => this.#inFlight.delete(running))
    this.#inFlight.add(running)
  }

  #schedule(entry: Entry, delayMs: number): void {
    clearTimeout(entry.timer)
    if (this.#stopping.signal.aborted) return
    entry.timer = setTimeout(() => this.#dial(entry), delayMs)
    entry.timer.unref()
  }

  #dial(entry: Entry): void {
    if (entry.dialing || !this.#entries.includes(entry)) return
    if (this.#isConnected(entry)) {
      this.#connected(entry)
      return
    }
    const targets = dialTargets(entry)
    // No address to dial (an inbound peer that never told its own): wait for an exchange.
    if (targets.length === 0) return
    entry.dialing = true
    this.#track(async () => {
      try {
        const signal = AbortSignal.any([
          this.#stopping.signal,
          AbortSignal.timeout(this.#options.dialTimeoutMs),
        ])
        const connection = await this.#libp2p.dial(targets, { signal })
        if (entry.peerId === undefined) this.#adoptPeerId(entry, connection.remotePeer.toString())
        this.#connected(entry)
      } catch (error) {
        if (this.#stopping.signal.aborted) return
        entry.failures += 1
        const retryMs = backoffDelayMs(entry.failures, this.#options.backoff)
        if (entry.failures === 1 || entry.failures === UNREACHABLE_AFTER_FAILURES) {
          this.#log.warn(
            entry.failures === 1 ? 'peer unreachable, retrying' : 'peer still unreachable',
            { peerId: entry.peerId, address: String(targets[0]), retryMs, error: String(error) },
          )
        }
        this.#schedule(entry, retryMs)
      } finally {
        entry.dialing = false
      }
    })
  }

  /** A configured address answered: its peer id replaces any entry learned for that peer. */
  #adoptPeerId(entry: Entry, peerId: string): void {
    const other = this.#byPeerId(peerId)
    if (other !== undefined && other !== entry) {
      clearTimeout(other.timer)
      this.#entries.splice(this.#entries.indexOf(other), 1)
      entry.addresses = other.addresses
      entry.latencyMs = other.latencyMs
      this.#queueSave()
    }
    entry.peerId = peerId
  }

  #connected(entry: Entry): void {
    clearTimeout(entry.timer)
    if (entry.failures > 0 || entry.lastSeen === null) {
      this.#log.info('connected', { peerId: entry.peerId, source: entry.source })
    }
    entry.failures = 0
    entry.lastSeen = Date.now()
  }

  readonly #onConnect = (event: CustomEvent<PeerId>): void => {
    const peerId = event.detail.toString()
    let entry = this.#byPeerId(peerId)
    if (entry === undefined) {
      // A configured address without /p2p/ being dialled now: the dial names it in a moment.
      if (this.#entries.some((other) => other.peerId === undefined && other.dialing)) {
        const connection = this.#libp2p.getConnections(event.detail)[0]
        if (connection?.direction === 'outbound') return
      }
      if (!this.#makeRoom()) return
      entry = newEntry({ peerId, source: 'inbound' })
      this.#entries.push(entry)
      this.#queueSave()
    }
    this.#connected(entry)
  }

  readonly #onIdentify = (event: CustomEvent<IdentifyResult>): void => {
    const { peerId, listenAddrs, protocols } = event.detail
    const entry = this.#byPeerId(peerId.toString())
    if (entry === undefined) return
    const addresses = listenAddrs.flatMap((address) => {
      const valid = validPeerAddress(address.toString(), entry.peerId!)
      return valid === undefined ? [] : [valid]
    })
    if (addresses.length > 0 && addresses.join() !== entry.addresses.join()) {
      entry.addresses = addresses.slice(0, MAX_ADDRESSES_PER_PEER)
      this.#queueSave()
    }
    if (protocols.includes(PEER_EXCHANGE_PROTOCOL)) this.#exchangeWith(entry)
    this.#ping(entry)
  }

  readonly #onDisconnect = (event: CustomEvent<PeerId>): void => {
    const entry = this.#byPeerId(event.detail.toString())
    if (entry === undefined || this.#stopping.signal.aborted) return
    entry.lastSeen = Date.now()
    this.#log.info('disconnected, reconnecting', { peerId: entry.peerId })
    this.#queueSave()
    this.#schedule(entry, backoffDelayMs(0, this.#options.backoff))
  }

  #surveyConnected(): void {
    for (const entry of this.#entries) {
      if (!this.#isConnected(entry)) continue
      entry.lastSeen = Date.now()
      this.#exchangeWith(entry)
      this.#ping(entry)
    }
  }

  #ping(entry: Entry): void {
    this.#askConnected(entry, async (peerId, signal) => {
      try {
        entry.latencyMs = await this.#libp2p.services.ping.ping(peerId, { signal })
        entry.lastSeen = Date.now()
      } catch {
        // The connection is closing or slow: the disconnect event or the next survey tells.
      }
    })
  }

  #exchangeWith(entry: Entry): void {
    this.#askConnected(entry, async (peerId, signal) => {
      let told: ExchangedPeer[]
      try {
        told = await askForPeers(this.#libp2p, peerId, signal)
      } catch {
        return // An older node without the protocol, or the connection went: nothing learned.
      }
      for (const peer of told) this.#learn(peer, entry.peerId!)
    })
  }

  /** Runs `ask` on a connected peer, within one dial's time and until the keeper stops. */
  #askConnected(entry: Entry, ask: (peerId: PeerId, signal: AbortSignal) => Promise<void>): void {
    const peerId = this.#libp2p
      .getConnections()
      .find((c) => c.remotePeer.toString() === entry.peerId)?.remotePeer
    if (peerId === undefined) return
    this.#track(() =>
      ask(
        peerId,
        AbortSignal.any([this.#stopping.signal, AbortSignal.timeout(this.#options.dialTimeoutMs)]),
      ),
    )
  }

  /** A peer told by `from`: a new one is kept and dialled; a known one gains its addresses. */
  #learn(peer: ExchangedPeer, from: string): void {
    if (this.#stopping.signal.aborted) return
    const known = this.#byPeerId(peer.peerId)
    if (known !== undefined) {
      if (known.source === 'configured' || known.addresses.length > 0) return
      known.addresses = peer.addresses
      this.#queueSave()
      if (!this.#isConnected(known)) this.#schedule(known, 0)
      return
    }
    if (!this.#makeRoom()) return
    const entry = newEntry({ peerId: peer.peerId, addresses: peer.addresses, source: 'exchanged' })
    this.#entries.push(entry)
    this.#log.info('learned a peer', { peerId: peer.peerId, from })
    this.#queueSave()
    this.#dial(entry)
  }

  /**
   * Whether a learned peer can be added: at MAX_LEARNED_PEERS, the learned peer seen longest ago
   * (never seen first) is forgotten if it is not connected, so a node that left the consortium,
   * or came back with a new peer id, does not keep a newer one out.
   */
  #makeRoom(): boolean {
    const learned = this.#entries.filter((entry) => entry.source !== 'configured')
    if (learned.length < MAX_LEARNED_PEERS) return true
    const stalest = learned
      .filter((entry) => !this.#isConnected(entry) && !entry.dialing)
      .sort((a, b) => (a.lastSeen ?? 0) - (b.lastSeen ?? 0))[0]
    if (stalest === undefined) return false
    clearTimeout(stalest.timer)
    this.#entries.splice(this.#entries.indexOf(stalest), 1)
    this.#log.info('forgot a peer not seen for the longest time', { peerId: stalest.peerId })
    return true
  }

  /** What this node tells askers: the peers it has itself been connected to. */
  #exchangeable(): ExchangedPeer[] {
    return this.#entries.flatMap((entry) => {
      if (entry.peerId === undefined || entry.lastSeen === null) return []
      const addresses = dialledAddresses(entry)
      return addresses.length === 0 ? [] : [{ peerId: entry.peerId, addresses }]
    })
  }

  /** Writes the learned peers once the current write is done; calls meanwhile share it. */
  #queueSave(): void {
    if (this.#saveQueued) return
    this.#saveQueued = true
    this.#saving = this.#saving.then(async () => {
      this.#saveQueued = false
      const stored: StoredPeers = {
        format: 'emr-node-known-peers/1',
        peers: this.#entries.flatMap((entry) =>
          entry.source === 'configured' || entry.peerId === undefined
            ? []
            : [
                {
                  peerId: entry.peerId,
                  addresses: entry.addresses,
                  source: entry.source,
                  lastSeen: entry.lastSeen === null ? null : new Date(entry.lastSeen).toISOString(),
                },
              ],
        ),
      }
      const file = this.#options.storeFile
      try {
        await writeFile(`${file}.tmp`, JSON.stringify(stored, null, 2), { mode: PRIVATE_FILE_MODE })
        await rename(`${file}.tmp`, file)
      } catch (error) {
        this.#log.warn('could not save the known peers', { file, error: String(error) })
      }
    })
  }
}

function newEntry(init: Partial<Entry> & Pick<Entry, 'source'>): Entry {
  return {
    peerId: undefined,
    configured: undefined,
    addresses: [],
    failures: 0,
    latencyMs: null,
    lastSeen: null,
    timer: undefined,
    dialing: false,
    ...init,
  }
}

/** The peer's addresses without /p2p/: the configured one first, then those learned. */
function dialledAddresses(entry: Entry): string[] {
  const configured =
    entry.configured === undefined
      ? []
      : [
          entry.peerId === undefined
            ? entry.configured.toString()
            : (validPeerAddress(entry.configured.toString(), entry.peerId) ??
              entry.configured.toString()),
        ]
  return [...new Set([...configured, ...entry.addresses])]
}

/** What a dial tries: the configured address, or the learned ones with the peer's id. */
function dialTargets(entry: Entry): Multiaddr[] {
  if (entry.configured !== undefined) return [entry.configured]
  if (entry.peerId === undefined) return []
  return entry.addresses.map((address) => multiaddr(`${address}/p2p/${entry.peerId}`))
}

/**
 * The learned peers of `file`, each checked as an exchanged one (a damaged or edited file loses
 * what is not valid, nothing more); none when the file is missing or unreadable.
 */
export async function loadStoredPeers(
  file: string,
  ownPeerId: string,
): Promise<{ peerId: string; addresses: string[]; source: PeerSource; lastSeen: number | null }[]> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch {
    return []
  }
  const list = (json as { peers?: unknown } | null)?.peers
  if (!Array.isArray(list)) return []
  return list.slice(0, MAX_LEARNED_PEERS).flatMap((value) => {
    const entry = value as Partial<StoredPeers['peers'][number]> | null
    const peerId = validPeerId(entry?.peerId)
    if (peerId === undefined || peerId === ownPeerId || !Array.isArray(entry?.addresses)) return []
    const addresses = entry.addresses
      .slice(0, MAX_ADDRESSES_PER_PEER)
      .flatMap((address) => validPeerAddress(address, peerId) ?? [])
    const source = entry.source === 'inbound' ? 'inbound' : 'exchanged'
    const lastSeen = typeof entry.lastSeen === 'string' ? Date.parse(entry.lastSeen) : NaN
    return [{ peerId, addresses, source, lastSeen: Number.isNaN(lastSeen) ? null : lastSeen }]
  })
}

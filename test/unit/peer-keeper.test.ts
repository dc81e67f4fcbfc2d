/**
 * The peer keeper's bookkeeping against a stand-in for libp2p (connections are events here):
 * per-peer backoff up to "unreachable" and back, and the cap on learned peers.
 */
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { base58btc } from 'multiformats/bases/base58'
import { silentLogger } from '../../electron/node/log.ts'
import {
  MAX_LEARNED_PEERS,
  PeerKeeper,
  UNREACHABLE_AFTER_FAILURES,
} from '../../electron/node/ipfs/peers.ts'
import { waitFor } from '../helpers/wait.ts'
import { tempDir } from '../helpers/temp.ts'

async function newPeerId(): Promise<string> {
  const key = await generateKeyPair('Ed25519')
  return base58btc.encode(key.publicKey.toMultihash().bytes).slice(1)
}

const asPeerId = (id: string) => ({
  toString: () => id,
  equals: (other: unknown) => String(other) === id,
})

/** Just what the keeper uses of libp2p; a dial succeeds for the ids in `reachable`. */
class FakeLibp2p extends EventTarget {
  readonly peerId
  readonly reachable = new Set<string>()
  readonly connections = new Map<
    string,
    { remotePeer: ReturnType<typeof asPeerId>; direction: string }
  >()
  readonly dials: string[] = []
  readonly services = { ping: { ping: async () => 3 } }

  constructor(own: string) {
    super()
    this.peerId = asPeerId(own)
  }

  getConnections(peer?: { toString(): string }) {
    const all = [...this.connections.values()]
    return peer === undefined ? all : all.filter((c) => c.remotePeer.toString() === peer.toString())
  }

  async dial(targets: Multiaddr[]) {
    const id = targets[0]!.getComponents().find((component) => component.name === 'p2p')!.value!
    this.dials.push(id)
    if (!this.reachable.has(id)) throw new Error('connection refused')
    return this.connect(id, 'outbound')
  }

  connect(id: string, direction: 'inbound' | 'outbound') {
    const connection = { remotePeer: asPeerId(id), direction }
    this.connections.set(id, connection)
    this.dispatchEvent(new CustomEvent('peer:connect', { detail: asPeerId(id) }))
    return connection
  }

  disconnect(id: string) {
    this.connections.delete(id)
    this.dispatchEvent(new CustomEvent('peer:disconnect', { detail: asPeerId(id) }))
  }

  async handle() {}

  async dialProtocol(): Promise<never> {
    throw new Error('no exchange here')
  }
}

async function startKeeper(libp2p: FakeLibp2p, configured: Multiaddr[] = []) {
  const dir = await tempDir('emr-keeper-')
  return PeerKeeper.start(libp2p as never, configured, {
    dialTimeoutMs: 1_000,
    backoff: { baseMs: 5, capMs: 20 },
    surveyIntervalMs: 60_000,
    storeFile: path.join(dir, 'known-peers.json'),
    log: silentLogger,
  })
}

test('a peer that does not answer goes from reconnecting to unreachable, and back to connected with its count reset', async () => {
  const libp2p = new FakeLibp2p(await newPeerId())
  const server = await newPeerId()
  const keeper = await startKeeper(libp2p, [multiaddr(`/ip4/127.0.0.1/tcp/4001/p2p/${server}`)])
  try {
    const state = () => keeper.knownPeers()[0]!
    assert.equal(state().source, 'configured')
    await waitFor(async () => state().failures >= 1 || null)
    assert.equal(state().state, 'reconnecting')
    await waitFor(async () => state().state === 'unreachable' || null)
    assert.ok(state().failures >= UNREACHABLE_AFTER_FAILURES)
    assert.equal(state().lastSeen, null)

    libp2p.reachable.add(server)
    await waitFor(async () => state().state === 'connected' || null)
    assert.equal(state().failures, 0)
    assert.ok(state().lastSeen !== null)

    // A dropped connection is re-dialled at once (the base wait), not after the cap.
    const dialsBefore = libp2p.dials.length
    libp2p.disconnect(server)
    assert.equal(state().state, 'reconnecting')
    await waitFor(async () => state().state === 'connected' || null)
    assert.equal(libp2p.dials.length, dialsBefore + 1)
  } finally {
    await keeper.stop()
  }
  // Stopped: no dial after stop().
  const dials = libp2p.dials.length
  await new Promise((resolve) => setTimeout(resolve, 50))
  assert.equal(libp2p.dials.length, dials)
})

test('learned peers are capped: the one seen longest ago makes room, a connected one never does', async () => {
  const libp2p = new FakeLibp2p(await newPeerId())
  const keeper = await startKeeper(libp2p)
  try {
    const ids: string[] = []
    for (let i = 0; i < MAX_LEARNED_PEERS; i++) ids.push(await newPeerId())
    for (const id of ids) libp2p.connect(id, 'inbound')
    assert.equal(keeper.knownPeers().length, MAX_LEARNED_PEERS)
    assert.ok(keeper.knownPeers().every((peer) => peer.source === 'inbound'))

    // All connected: a newcomer is not listed, nobody is dropped for it.
    const late = await newPeerId()
    libp2p.connect(late, 'inbound')
    assert.equal(keeper.knownPeers().length, MAX_LEARNED_PEERS)
    assert.ok(!keeper.knownPeers().some((peer) => peer.peerId === late))

    // The first one leaves; the next newcomer takes its place.
    libp2p.disconnect(ids[0]!)
    const newcomer = await newPeerId()
    libp2p.connect(newcomer, 'inbound')
    const listed = keeper.knownPeers().map((peer) => peer.peerId)
    assert.equal(listed.length, MAX_LEARNED_PEERS)
    assert.ok(listed.includes(newcomer))
    assert.ok(!listed.includes(ids[0]!))
  } finally {
    await keeper.stop()
  }
})

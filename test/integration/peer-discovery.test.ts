/**
 * Peer discovery inside the private swarm, with three real Helia nodes on 127.0.0.1: A is the
 * only peer B and C are configured with, and C must still reach B through what A tells it, keep
 * it after A stops and across its own restart, and see B go and come back.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { waitFor } from '../helpers/wait.ts'
import { tempDir } from '../helpers/temp.ts'
import { startIpfs } from '../../electron/node/ipfs/ipfs-service.ts'
import { generateSwarmKey, parseSwarmKey } from '../../electron/node/ipfs/swarm-key.ts'
import type { IpfsOptions, IpfsService, KnownPeer } from '../../electron/node/ipfs/ipfs-service.ts'

const swarmKey = parseSwarmKey(generateSwarmKey())
let root: string
const running = new Set<IpfsService>()

async function start(name: string, options: Partial<IpfsOptions> = {}): Promise<IpfsService> {
  const service = await startIpfs({
    repoDir: path.join(root, name),
    swarmKey,
    listenPort: 0,
    listenHost: '127.0.0.1',
    peers: [],
    dialTimeoutMs: 1_000,
    // Fast schedules, so the test takes seconds; the logic is the one of the defaults.
    redialMinMs: 50,
    redialMaxMs: 300,
    peerSurveyMs: 300,
    ...options,
  })
  running.add(service)
  return service
}

async function stop(service: IpfsService): Promise<void> {
  await service.stop()
  running.delete(service)
}

function portOf(service: IpfsService): number {
  return Number(service.listenAddresses()[0]?.split('/')[4])
}

function peer(service: IpfsService, peerId: string): KnownPeer | undefined {
  return service.knownPeers().find((known) => known.peerId === peerId)
}

/** Waits until `service` lists `peerId` in `state`, and returns that entry. */
async function until(
  service: IpfsService,
  peerId: string,
  state: KnownPeer['state'],
): Promise<KnownPeer> {
  return waitFor(async () => {
    const known = peer(service, peerId)
    return known?.state === state ? known : null
  }, 15_000)
}

describe('peer discovery in the private swarm', () => {
  before(async () => {
    root = await tempDir('emr-peers-')
  })
  after(async () => {
    for (const service of running) await service.stop()
  })

  it('C, configured with A only, learns B from A, fetches from B with A stopped, and knows B after a restart', async () => {
    const a = await start('a')
    const aAddress = a.listenAddresses()[0]!
    const b = await start('b', { peers: [aAddress] })
    await until(b, a.peerId, 'connected')
    let c = await start('c', { peers: [aAddress] })

    // C was told of B by A, and keeps it connected like a configured peer.
    const bAtC = await until(c, b.peerId, 'connected')
    // B learns C from A too, and may dial it first: then C has B as a peer that dialled in.
    assert.ok(['exchanged', 'inbound'].includes(bAtC.source), bAtC.source)
    if (bAtC.source === 'exchanged')
      assert.deepEqual(bAtC.addresses, [`/ip4/127.0.0.1/tcp/${portOf(b)}`])
    assert.ok(c.connectedPeers().includes(b.peerId))
    // B in turn knows C, which dialled it, and A as configured.
    assert.equal((await until(b, c.peerId, 'connected')).source, 'inbound')
    assert.equal(peer(b, a.peerId)?.source, 'configured')
    assert.equal(peer(c, a.peerId)?.source, 'configured')
    // Nobody lists itself.
    for (const node of [a, b, c]) assert.equal(peer(node, node.peerId), undefined)
    // Latency comes from the ping service.
    const pinged = await waitFor(async () => {
      const known = peer(c, b.peerId)
      return known !== undefined && known.latencyMs !== null ? known : null
    })
    assert.ok(pinged.latencyMs! >= 0)

    // A block only B holds reaches C with A stopped.
    const bytes = randomBytes(50_000)
    const cid = await b.putBlock(bytes)
    await stop(a)
    await until(c, a.peerId, 'reconnecting')
    assert.deepEqual(Buffer.from(await c.getBlock(cid, { timeoutMs: 10_000 })), bytes)

    // The learned peer is kept in the repo, so C restarted with A still down finds B.
    await stop(c)
    const stored = JSON.parse(await readFile(path.join(root, 'c', 'known-peers.json'), 'utf8'))
    assert.ok(stored.peers.some((known: KnownPeer) => known.peerId === b.peerId))
    c = await start('c', { peers: [aAddress] })
    assert.equal(peer(c, b.peerId)?.source, 'exchanged')
    await until(c, b.peerId, 'connected')
    const again = randomBytes(20_000)
    const againCid = await b.putBlock(again)
    assert.deepEqual(Buffer.from(await c.getBlock(againCid, { timeoutMs: 10_000 })), again)
    await stop(c)
    await stop(b)
  })

  it('shows a peer that went down as reconnecting, then unreachable, and reconnects when it is back', async () => {
    const server = await start('server')
    const address = server.listenAddresses()[0]!
    const port = portOf(server)
    const client = await start('client', { peers: [address] })
    const first = await until(client, server.peerId, 'connected')
    assert.ok(first.lastSeen !== null)

    await stop(server)
    const down = await until(client, server.peerId, 'reconnecting')
    assert.equal(down.source, 'configured')
    const unreachable = await until(client, server.peerId, 'unreachable')
    assert.ok(unreachable.failures >= 5)
    assert.ok(unreachable.lastSeen !== null, 'the last time it was seen is kept')

    const back = await start('server', { listenPort: port })
    assert.equal(back.peerId, server.peerId)
    const reconnected = await until(client, server.peerId, 'connected')
    assert.equal(reconnected.failures, 0)
    await stop(client)
    await stop(back)
  })
})

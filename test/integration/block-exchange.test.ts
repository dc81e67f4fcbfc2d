/**
 * The direct block protocol between consortium nodes (/emr-node/blocks/1.0.0) and the TLS block
 * port beside it (block-server.ts): real Helia nodes and bare libp2p peers on one private swarm
 * over loopback. A peer that sends wrong blocks or none is passed over for bitswap; a block port
 * that does not answer leaves the libp2p protocol; the serving side answers only for its own
 * blocks, within caps, and only to a client holding the swarm key.
 */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { preSharedKey } from '@libp2p/pnet'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p, type Libp2p } from 'libp2p'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { ContentNotFoundError } from '../../electron/node/errors.ts'
import {
  BLOCKS_PROTOCOL,
  MAX_CIDS_PER_REQUEST,
  readRequest,
  requestBlocks,
} from '../../electron/node/ipfs/block-exchange.ts'
import {
  blockPortKey,
  requestBlocksTls,
  serveBlockPort,
  startBlockServer,
} from '../../electron/node/ipfs/block-server.ts'
import { startIpfs } from '../../electron/node/ipfs/ipfs-service.ts'
import type { IpfsOptions, IpfsService } from '../../electron/node/ipfs/ipfs-service.ts'
import { generateSwarmKey, parseSwarmKey } from '../../electron/node/ipfs/swarm-key.ts'
import type { Logger } from '../../electron/node/log.ts'
import { silentLogger } from '../../electron/node/log.ts'
import { freePort } from '../helpers/net.ts'

const swarmKey = parseSwarmKey(generateSwarmKey())
const BLOCK = 256 * 1024
const BLOCKS = 12

let root: string
const running: { stop(): Promise<void> | void }[] = []

/** A logger that keeps every entry, for what the fetch reports. */
function recordingLogger(entries: { message: string; fields?: Record<string, unknown> }[]) {
  const logger: Logger = {
    info: (message, fields) => entries.push({ message, fields }),
    warn: (message, fields) => entries.push({ message, fields }),
    error: (message, fields) => entries.push({ message, fields }),
    child: () => logger,
  }
  return logger
}

async function start(name: string, options: Partial<IpfsOptions> = {}): Promise<IpfsService> {
  const service = await startIpfs({
    repoDir: path.join(root, name),
    swarmKey,
    listenPort: 0,
    listenHost: '127.0.0.1',
    peers: [],
    dialTimeoutMs: 2_000,
    ...options,
  })
  running.push(service)
  return service
}

/**
 * A bare libp2p peer on the swarm that answers block requests with `answer`, and tells
 * `blockPort` as its TLS block port when given.
 */
async function startPeer(
  answer: (cids: CID[]) => Uint8Array[] | Promise<Uint8Array[]>,
  blockPort?: number,
): Promise<{ libp2p: Libp2p; address: string; asked: () => number }> {
  const libp2p = await createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionProtector: preSharedKey({ psk: swarmKey }),
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  })
  let asked = 0
  await libp2p.handle(BLOCKS_PROTOCOL, async (stream) => {
    try {
      const cids = await readRequest(stream)
      asked += cids.length
      for (const frame of await answer(cids)) if (!stream.send(frame)) await stream.onDrain()
      await stream.close()
    } catch (error) {
      stream.abort(error as Error)
    }
  })
  if (blockPort !== undefined) await serveBlockPort(libp2p, blockPort)
  running.push(libp2p)
  return { libp2p, address: libp2p.getMultiaddrs()[0]!.toString(), asked: () => asked }
}

function frame(bytes: Uint8Array): Uint8Array {
  const head = Buffer.alloc(5)
  head[0] = 1
  head.writeUInt32BE(bytes.length, 1)
  return Buffer.concat([head, bytes])
}

async function addFile(ipfs: IpfsService): Promise<{ cid: CID; bytes: Buffer }> {
  const leaves = Array.from({ length: BLOCKS }, () => randomBytes(BLOCK))
  const cid = await ipfs.addBlocks(
    (async function* () {
      for (const bytes of leaves) {
        yield { bytes, digest: createHash('sha256').update(bytes).digest(), release() {} }
      }
    })(),
  )
  return { cid, bytes: Buffer.concat(leaves) }
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  for await (const chunk of source) chunks.push(chunk)
  return Buffer.concat(chunks)
}

async function connected(ipfs: IpfsService, count: number): Promise<void> {
  const deadline = Date.now() + 10_000
  while (ipfs.connectedPeers().length < count) {
    if (Date.now() > deadline) assert.fail(`never connected to ${count} peers`)
    await sleep(50)
  }
}

const fetched = (entries: { message: string; fields?: Record<string, unknown> }[]) =>
  entries.filter((e) => e.message === 'fetched a DAG').map((e) => e.fields!)

describe('direct block protocol', () => {
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'emr-blocks-'))
  })

  after(async () => {
    for (const node of running.reverse()) await node.stop()
    await fs.rm(root, { recursive: true, force: true })
  })

  it('brings a whole file from a consortium node, every block checked, for cat and pin', async () => {
    const a = await start('a1')
    const file = await addFile(a)
    const entries: { message: string; fields?: Record<string, unknown> }[] = []
    const b = await start('b1', { peers: [a.listenAddresses()[0]!], log: recordingLogger(entries) })
    await connected(b, 1)
    assert.ok((await collect(b.cat(file.cid))).equals(file.bytes))
    assert.deepEqual(fetched(entries), [
      { received: BLOCKS + 1, local: 0, missed: 0, refused: 0, overTls: BLOCKS + 1 },
    ])

    const c = await start('c1', { peers: [a.listenAddresses()[0]!], log: recordingLogger(entries) })
    await connected(c, 1)
    await c.pin(file.cid)
    assert.deepEqual(fetched(entries).at(-1), {
      received: BLOCKS + 1,
      local: 0,
      missed: 0,
      refused: 0,
      overTls: BLOCKS + 1,
    })
    await a.stop()
    assert.ok((await collect(c.cat(file.cid))).equals(file.bytes), 'pinned whole, read offline')
  })

  it('refuses a peer that sends blocks not matching their CIDs, and gets them by bitswap', async () => {
    const holder = await start('a2', { blockExchange: false })
    const file = await addFile(holder)
    const liar = await startPeer((cids) => cids.map(() => frame(randomBytes(BLOCK))))
    const entries: { message: string; fields?: Record<string, unknown> }[] = []
    const b = await start('b2', {
      peers: [holder.listenAddresses()[0]!, liar.address],
      log: recordingLogger(entries),
    })
    await connected(b, 2)
    assert.ok((await collect(b.cat(file.cid))).equals(file.bytes))
    assert.ok(liar.asked() > 0, 'the lying peer was asked')
    const [stats] = fetched(entries)
    assert.equal(stats!.received, 0)
    assert.ok((stats!.refused as number) >= 1)
    assert.ok(entries.some((e) => /does not match its CID/.test(e.message)))
  })

  it('falls back to bitswap for what a peer does not have', async () => {
    const holder = await start('a3', { blockExchange: false })
    const file = await addFile(holder)
    const empty = await startPeer((cids) => cids.map(() => Uint8Array.of(0)))
    const entries: { message: string; fields?: Record<string, unknown> }[] = []
    const b = await start('b3', {
      peers: [holder.listenAddresses()[0]!, empty.address],
      log: recordingLogger(entries),
    })
    await connected(b, 2)
    assert.ok((await collect(b.cat(file.cid))).equals(file.bytes))
    assert.ok(empty.asked() > 0)
    assert.equal(fetched(entries)[0]!.received, 0)
  })

  it('fails with ContentNotFoundError when only a lying peer answers', async () => {
    const holder = await start('a4')
    const file = await addFile(holder)
    await holder.stop()
    const liar = await startPeer((cids) => cids.map(() => frame(randomBytes(BLOCK))))
    const b = await start('b4', { peers: [liar.address], fetchTimeoutMs: 1_500 })
    await connected(b, 1)
    await assert.rejects(collect(b.cat(file.cid)), ContentNotFoundError)
    assert.equal(await b.hasBlock(file.cid), false, 'nothing wrong was stored')
  })

  it('serves only its own blocks, and refuses a request naming too many', async () => {
    const a = await start('a5')
    const file = await addFile(a)
    const asker = await startPeer(() => [])
    const aId = multiaddr(a.listenAddresses()[0]!).getComponents().at(-1)!.value!
    await asker.libp2p.dial(multiaddr(a.listenAddresses()[0]!))
    const peer = asker.libp2p.getPeers().find((p) => p.toString() === aId)!
    const unknown = CID.createV1(raw.code, await sha256.digest(randomBytes(32)))
    const answers: (Uint8Array | undefined)[] = []
    for await (const bytes of requestBlocks(
      asker.libp2p,
      peer,
      [file.cid, unknown],
      AbortSignal.timeout(5_000),
    ))
      answers.push(bytes)
    assert.equal(answers.length, 2)
    assert.ok(answers[0] !== undefined && answers[0].length > 0)
    assert.equal(answers[1], undefined)

    const tooMany = Array.from({ length: MAX_CIDS_PER_REQUEST + 1 }, () => file.cid)
    await assert.rejects(async () => {
      for await (const _ of requestBlocks(asker.libp2p, peer, tooMany, AbortSignal.timeout(5_000)))
        assert.fail('no block is served for a request over the cap')
    })
  })

  it('brings blocks over the TLS block port to a node with the swarm key', async () => {
    const a = await start('a6')
    const file = await addFile(a)
    const entries: { message: string; fields?: Record<string, unknown> }[] = []
    const b = await start('b6', { peers: [a.listenAddresses()[0]!], log: recordingLogger(entries) })
    await connected(b, 1)
    assert.ok((await collect(b.cat(file.cid))).equals(file.bytes))
    const [stats] = fetched(entries)
    assert.equal(stats!.overTls, BLOCKS + 1, 'every block came over TLS')
    assert.equal(stats!.refused, 0)
  })

  it('refuses a client without the swarm key at the handshake, and serves nothing', async () => {
    const port = await freePort()
    const entries: { message: string; fields?: Record<string, unknown> }[] = []
    const a = await start('a7', { blockPort: port, log: recordingLogger(entries) })
    const file = await addFile(a)
    const endpoint = { host: '127.0.0.1', port }
    const wrongKey = blockPortKey(parseSwarmKey(generateSwarmKey()))
    const answers: (Uint8Array | undefined)[] = []
    await assert.rejects(async () => {
      for await (const bytes of requestBlocksTls(
        endpoint,
        wrongKey,
        [file.cid],
        AbortSignal.timeout(5_000),
      ))
        answers.push(bytes)
    })
    assert.equal(answers.length, 0, 'nothing was served')
    assert.ok(entries.some((e) => e.message === 'refused a block port connection'))

    // The same request with the swarm key's block port key is answered.
    for await (const bytes of requestBlocksTls(
      endpoint,
      blockPortKey(swarmKey),
      [file.cid],
      AbortSignal.timeout(5_000),
    ))
      answers.push(bytes)
    assert.equal(answers.length, 1)
    assert.ok(answers[0] !== undefined && answers[0].length > 0)
  })

  it('refuses a lying block port and completes the fetch through bitswap', async () => {
    const holder = await start('a8', { blockExchange: false })
    const file = await addFile(holder)
    const lyingServer = await startBlockServer({
      host: '127.0.0.1',
      port: 0,
      swarmKey,
      blocks: {
        has: async () => true,
        get: async function* () {
          yield randomBytes(BLOCK)
        },
      },
      log: silentLogger,
    })
    running.push(lyingServer)
    const liar = await startPeer((cids) => cids.map(() => Uint8Array.of(0)), lyingServer.port)
    const entries: { message: string; fields?: Record<string, unknown> }[] = []
    const b = await start('b8', {
      peers: [holder.listenAddresses()[0]!, liar.address],
      log: recordingLogger(entries),
    })
    await connected(b, 2)
    assert.ok((await collect(b.cat(file.cid))).equals(file.bytes))
    const [stats] = fetched(entries)
    assert.equal(stats!.received, 0)
    assert.ok((stats!.refused as number) >= 1)
    assert.equal(liar.asked(), 0, 'a peer that lied is not asked again over libp2p')
    assert.equal(await b.hasBlock(file.cid), true)
  })

  it('falls back to the libp2p protocol when the block port does not answer', async () => {
    const holder = await start('a9', { blockExchange: false })
    const file = await addFile(holder)
    const closedPort = await freePort()
    const peer = await startPeer(
      async (cids) => Promise.all(cids.map(async (cid) => frame(await holder.getBlock(cid)))),
      closedPort,
    )
    const entries: { message: string; fields?: Record<string, unknown> }[] = []
    const b = await start('b9', {
      peers: [holder.listenAddresses()[0]!, peer.address],
      log: recordingLogger(entries),
    })
    await connected(b, 2)
    assert.ok((await collect(b.cat(file.cid))).equals(file.bytes))
    const [stats] = fetched(entries)
    assert.equal(stats!.received, BLOCKS + 1, 'every block over the libp2p protocol')
    assert.equal(stats!.overTls, 0)
    assert.ok(peer.asked() > 0)
    assert.ok(entries.some((e) => /block port of a peer failed/.test(e.message)))
  })

  it('the block port serves only its own blocks, and refuses a request naming too many', async () => {
    const port = await freePort()
    const a = await start('a10', { blockPort: port })
    const file = await addFile(a)
    const endpoint = { host: '127.0.0.1', port }
    const key = blockPortKey(swarmKey)
    const unknown = CID.createV1(raw.code, await sha256.digest(randomBytes(32)))
    const answers: (Uint8Array | undefined)[] = []
    for await (const bytes of requestBlocksTls(
      endpoint,
      key,
      [file.cid, unknown],
      AbortSignal.timeout(5_000),
    ))
      answers.push(bytes)
    assert.equal(answers.length, 2)
    assert.ok(answers[0] !== undefined && answers[0].length > 0)
    assert.equal(answers[1], undefined)

    const tooMany = Array.from({ length: MAX_CIDS_PER_REQUEST + 1 }, () => file.cid)
    await assert.rejects(async () => {
      for await (const _ of requestBlocksTls(endpoint, key, tooMany, AbortSignal.timeout(5_000)))
        assert.fail('no block is served for a request over the cap')
    })
  })
})

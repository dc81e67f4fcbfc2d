import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import {
  ContentNotFoundError,
  IpfsPortUnavailableError,
  PeerUnreachableError,
} from '../../electron/node/errors.ts'
import { sealIntoBlocks } from '../../electron/node/crypto/sealed-blocks.ts'
import { decryptBytes, generateKey } from '../../electron/node/crypto/segmented-cipher.ts'
import { startIpfs } from '../../electron/node/ipfs/ipfs-service.ts'
import { generateSwarmKey, parseSwarmKey } from '../../electron/node/ipfs/swarm-key.ts'
import type { IpfsOptions, IpfsService } from '../../electron/node/ipfs/ipfs-service.ts'
import type { Logger } from '../../electron/node/log.ts'

const consortiumKey = parseSwarmKey(generateSwarmKey())
const outsiderKey = parseSwarmKey(generateSwarmKey())

let root: string
const running = new Set<IpfsService>()

async function start(name: string, options: Partial<IpfsOptions> = {}): Promise<IpfsService> {
  const service = await startIpfs({
    repoDir: path.join(root, name),
    swarmKey: consortiumKey,
    listenPort: 0,
    listenHost: '127.0.0.1',
    peers: [],
    dialTimeoutMs: 2_000,
    ...options,
  })
  running.add(service)
  return service
}

async function stop(service: IpfsService): Promise<void> {
  await service.stop()
  running.delete(service)
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  for await (const chunk of source) chunks.push(chunk)
  return Buffer.concat(chunks)
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`)
    await sleep(50)
  }
}

function recordingLog(entries: string[]): Logger {
  const log: Logger = {
    info: (message) => entries.push(`info ${message}`),
    warn: (message, fields) => entries.push(`warn ${message} ${String(fields?.address)}`),
    error: (message) => entries.push(`error ${message}`),
    child: () => log,
  }
  return log
}

const isError = (name: string, code: string) => (error: unknown) => {
  assert.ok(error instanceof Error)
  assert.equal(error.name, name)
  assert.equal((error as Error & { code: string }).code, code)
  return true
}
const isContentNotFound = isError('ContentNotFoundError', ContentNotFoundError.code)
const isPeerUnreachable = isError('PeerUnreachableError', PeerUnreachableError.code)

describe('IPFS service', () => {
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'emr-ipfs-'))
  })
  after(async () => {
    await Promise.allSettled([...running].map((service) => service.stop()))
    await fs.rm(root, { recursive: true, force: true })
  })

  describe('two consortium nodes', () => {
    let a: IpfsService
    let b: IpfsService
    // Over 256 KiB, so the file is a DAG of several blocks, not one.
    const file = randomBytes(600 * 1024)

    before(async () => {
      a = await start('a')
      b = await start('b', { peers: [a.listenAddresses()[0] ?? ''] })
    })

    it('listen on loopback with full multiaddrs', () => {
      assert.match(a.peerId, /^12D3Koo/)
      assert.ok(a.listenAddresses().length > 0)
      for (const address of a.listenAddresses()) {
        assert.match(address, new RegExp(`^/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/${a.peerId}$`))
      }
    })

    it('connect when B has A among its configured peers', async () => {
      await waitFor(() => b.connectedPeers().includes(a.peerId), 'B is connected to A')
      await waitFor(() => a.connectedPeers().includes(b.peerId), 'A sees B')
    })

    it('move a file added on A to B through bitswap', async () => {
      const cid = await a.addBytes(file)
      assert.equal(await b.hasBlock(cid), false)
      assert.deepEqual(await collect(b.cat(cid, { timeoutMs: 5_000 })), file)
      assert.equal(await b.hasBlock(cid), true)
    })

    it('move a sealed file of several blocks added on A to B, and pin it there', async () => {
      const plaintext = randomBytes(400 * 1024)
      const key = generateKey()
      async function* chunks() {
        for (let offset = 0; offset < plaintext.length; offset += 64 * 1024) {
          yield plaintext.subarray(offset, offset + 64 * 1024)
        }
      }
      const cid = await a.addBlocks(sealIntoBlocks(chunks(), key, { segmentSize: 100 * 1024 }))
      assert.equal(await b.hasBlock(cid), false)
      await b.pin(cid, { timeoutMs: 5_000 })
      await b.pin(cid)
      assert.equal(await b.hasBlock(cid), true)
      const sealed = await collect(b.cat(cid, { timeoutMs: 1_000 }))
      assert.deepEqual(await decryptBytes(sealed, key), plaintext)
    })

    it('move a raw block put on A to B', async () => {
      const block = randomBytes(1_000)
      const cid = await a.putBlock(block)
      assert.equal(cid.version, 1)
      assert.equal(await b.hasBlock(cid), false)
      assert.deepEqual(await b.getBlock(cid, { timeoutMs: 5_000 }), block)
    })

    it('give up on content that no peer has with ContentNotFoundError', async () => {
      const missing = CID.createV1(raw.code, await sha256.digest(randomBytes(10)))
      await assert.rejects(b.getBlock(missing, { timeoutMs: 500 }), isContentNotFound)
      await assert.rejects(collect(b.cat(missing, { timeoutMs: 500 })), isContentNotFound)
    })
  })

  describe('a node with another swarm key', () => {
    let insider: IpfsService
    let outsider: IpfsService
    const log: string[] = []

    before(async () => {
      insider = await start('insider')
      outsider = await start('outsider', {
        swarmKey: outsiderKey,
        peers: [insider.listenAddresses()[0] ?? ''],
        log: recordingLog(log),
      })
    })

    it('cannot dial in, nor be dialled', async () => {
      await assert.rejects(outsider.dial(insider.listenAddresses()[0] ?? ''), isPeerUnreachable)
      await assert.rejects(insider.dial(outsider.listenAddresses()[0] ?? ''), isPeerUnreachable)
      assert.deepEqual(outsider.connectedPeers(), [])
      assert.ok(!insider.connectedPeers().includes(outsider.peerId))
    })

    it('logs its configured peer as unreachable instead of failing', async () => {
      await waitFor(
        () => log.includes(`warn peer unreachable, retrying ${insider.listenAddresses()[0]}`),
        'the failed dial is logged',
      )
    })

    it('cannot fetch the consortium content', async () => {
      const cid = await insider.addBytes(randomBytes(2_000))
      await assert.rejects(collect(outsider.cat(cid, { timeoutMs: 500 })), isContentNotFound)
      await assert.rejects(outsider.getBlock(cid, { timeoutMs: 500 }), isContentNotFound)
    })

    it('lets the caller abort a fetch without calling it not found', async () => {
      const cid = await insider.putBlock(randomBytes(10))
      const aborted = outsider.getBlock(cid, {
        signal: AbortSignal.timeout(200),
        timeoutMs: 10_000,
      })
      await assert.rejects(aborted, (error: Error) => error.name !== 'ContentNotFoundError')
    })

    it('rejects a dial to something that is not a multiaddr as invalid input', async () => {
      await assert.rejects(
        insider.dial('not a multiaddr'),
        isError('InvalidInputError', 'ERR_INVALID_INPUT'),
      )
    })
  })

  describe('restart of the same repo', () => {
    it('keeps the peer id, the content and the pins, and counts the repo size', async () => {
      const first = await start('persistent')
      const emptySize = await first.repoSizeBytes()
      const content = randomBytes(300 * 1024)
      const cid = await first.addBytes(content)
      const filledSize = await first.repoSizeBytes()
      assert.ok(filledSize >= emptySize + content.length, `${filledSize} grew by the file`)
      await first.addBytes(content)
      assert.equal(await first.repoSizeBytes(), filledSize, 'a duplicate add takes no room')
      const peerId = first.peerId
      await stop(first)
      await first.stop()

      // LevelDB refuses a second opening, so this also shows that stop() closed the datastore.
      const second = await start('persistent')
      assert.equal(second.peerId, peerId)
      assert.equal(await second.repoSizeBytes(), filledSize, 'the size walked on open matches')
      assert.equal(await second.hasBlock(cid), true)
      assert.deepEqual(await collect(second.cat(cid, { timeoutMs: 1_000 })), content)
      await assert.rejects(start('persistent'), 'a repo in use cannot be opened twice')
      await stop(second)
    })

    it('fails on a port in use with a typed error, leaving the repo closed', async () => {
      const holder = await start('holder')
      const port = Number(holder.listenAddresses()[0]?.split('/')[4])
      await assert.rejects(
        start('late', { listenPort: port }),
        isError('IpfsPortUnavailableError', IpfsPortUnavailableError.code),
      )
      await stop(await start('late'))
      await stop(holder)
    })

    it('re-dials a configured peer that comes back', async () => {
      const server = await start('server')
      const address = server.listenAddresses()[0] ?? ''
      const port = Number(address.split('/')[4])
      await stop(server)

      const client = await start('client', { peers: [address], redialMinMs: 100, redialMaxMs: 200 })
      await sleep(300)
      assert.deepEqual(client.connectedPeers(), [])
      const back = await start('server', { listenPort: port })
      assert.equal(back.listenAddresses()[0], address)
      await waitFor(() => client.connectedPeers().includes(back.peerId), 'the client reconnects')
      await stop(client)
      await stop(back)
    })
  })
})

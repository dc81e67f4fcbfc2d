/**
 * `/emr-node/pins/1.0.0` between real Helia nodes on a private swarm: the answer names exactly
 * what the peer pins, long lists are split, and a malformed or oversized request gets no answer.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { preSharedKey } from '@libp2p/pnet'
import { tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p, type Libp2p } from 'libp2p'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { startIpfs, type IpfsService } from '../../electron/node/ipfs/ipfs-service.ts'
import { MAX_CIDS_PER_QUERY, PINS_PROTOCOL } from '../../electron/node/ipfs/pin-census.ts'
import { generateSwarmKey, parseSwarmKey } from '../../electron/node/ipfs/swarm-key.ts'
import type { StreamCloseEvent, StreamMessageEvent } from '@libp2p/interface'

const swarmKey = parseSwarmKey(generateSwarmKey())

async function rawCid(bytes: Uint8Array): Promise<string> {
  return CID.createV1(raw.code, await sha256.digest(bytes)).toString()
}

/** What a peer answers to `request` written as is, or null when it closes with no answer. */
async function rawQuery(client: Libp2p, target: string, request: Uint8Array) {
  const stream = await client.dialProtocol(multiaddr(target), PINS_PROTOCOL)
  const chunks: Uint8Array[] = []
  const ended = new Promise<boolean>((resolve) => {
    stream.addEventListener('message', (event: StreamMessageEvent) => {
      chunks.push(event.data instanceof Uint8Array ? event.data : event.data.subarray())
    })
    stream.addEventListener('end', () => resolve(true))
    stream.addEventListener('close', (event: StreamCloseEvent) => resolve(!event.error))
  })
  try {
    stream.send(request)
    await stream.close()
  } catch {
    // The peer may reset the stream while the request is still going out.
  }
  const clean = await ended
  const text = Buffer.concat(chunks).toString()
  return clean && text ? (JSON.parse(text) as unknown) : null
}

describe('the pin census protocol', () => {
  let root: string
  let a: IpfsService
  let b: IpfsService
  let client: Libp2p
  let pinned: string
  let target: string

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'emr-pins-'))
    const options = { swarmKey, listenPort: 0, listenHost: '127.0.0.1', peers: [] }
    a = await startIpfs({ ...options, repoDir: path.join(root, 'a') })
    b = await startIpfs({ ...options, repoDir: path.join(root, 'b') })
    target = a.listenAddresses()[0]!
    await b.dial(target)
    pinned = (await a.putBlock(randomBytes(100))).toString()
    client = await createLibp2p({
      transports: [tcp()],
      connectionProtector: preSharedKey({ psk: swarmKey }),
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
    })
  })

  after(async () => {
    await client?.stop()
    await Promise.all([a?.stop(), b?.stop()])
    await fs.rm(root, { recursive: true, force: true })
  })

  it('names exactly the CIDs the peer pins, by peer id', async () => {
    const unknown = await rawCid(randomBytes(100))
    const answers = await b.peersPinning([pinned, unknown])
    assert.deepEqual([...answers.keys()], [a.peerId])
    assert.deepEqual([...answers.get(a.peerId)!], [pinned])
    assert.equal(await a.isPinned(CID.parse(pinned)), true)
    assert.equal(await b.isPinned(CID.parse(pinned)), false, 'asking fetches nothing')
  })

  it(`splits a list longer than ${MAX_CIDS_PER_QUERY} CIDs into several requests`, async () => {
    const others = await Promise.all(
      Array.from({ length: MAX_CIDS_PER_QUERY + 50 }, () => rawCid(randomBytes(32))),
    )
    const list = [...others.slice(0, 200), pinned, ...others.slice(200)]
    const answers = await b.peersPinning(list)
    assert.deepEqual([...answers.get(a.peerId)!], [pinned])
  })

  it('answers a well-formed request written by hand', async () => {
    const request = Buffer.from(JSON.stringify({ cids: [pinned] }))
    assert.deepEqual(await rawQuery(client, target, request), { pinned: [pinned] })
  })

  it('refuses, unanswered, what is not a list of at most 256 CIDs in 32 KiB', async () => {
    const tooMany = Array.from({ length: MAX_CIDS_PER_QUERY + 1 }, () => pinned)
    const refused = [
      Buffer.from(JSON.stringify({ cids: ['not a cid'] })),
      Buffer.from(JSON.stringify({ cids: [pinned], extra: true })),
      Buffer.from(JSON.stringify({ cids: tooMany })),
      Buffer.from('{"cids": ['),
      // Valid JSON and a valid request, but beyond the size a request may have.
      Buffer.from(JSON.stringify({ cids: [pinned] }) + ' '.repeat(40 * 1024)),
    ]
    for (const request of refused) {
      assert.equal(
        await rawQuery(client, target, request),
        null,
        request.subarray(0, 40).toString(),
      )
    }
    // The peer still answers after them.
    assert.deepEqual([...(await b.peersPinning([pinned])).get(a.peerId)!], [pinned])
  })
})

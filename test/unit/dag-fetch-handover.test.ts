/**
 * DagFetch hands each verified block to its reader as it arrives, while storing it in the
 * background: the reader does not wait for the store nor read the block back, a block that does
 * not match its CID is never handed over, and the fetch settles a block only once it is stored.
 */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import type { Libp2p, PeerId } from '@libp2p/interface'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { create as createDigest } from 'multiformats/hashes/digest'
import { sha256 } from 'multiformats/hashes/sha2'
import {
  DagFetch,
  fetchingBlockstore,
  type ExchangeComponents,
  type ReaderBlockstore,
} from '../../electron/node/ipfs/block-exchange.ts'
import { silentLogger } from '../../electron/node/log.ts'

const PEER = { toString: () => 'the peer' } as unknown as PeerId

function rawCid(bytes: Uint8Array): CID {
  return CID.createV1(
    raw.code,
    createDigest(sha256.code, createHash('sha256').update(bytes).digest()),
  )
}

/** Components whose one peer answers over its "TLS port" with `answer`; stores wait for `stored`. */
function components(answer: Uint8Array) {
  let release!: () => void
  const stored = new Promise<void>((resolve) => (release = resolve))
  const puts: string[] = []
  const parts: ExchangeComponents = {
    libp2p: { getPeers: () => [PEER] } as unknown as Libp2p,
    tls: {
      endpoint: async () => ({ host: '127.0.0.1', port: 1 }),
      request: async function* () {
        yield answer
      },
    },
    local: {
      has: async () => false,
      get: () => {
        throw new Error('not in the repo')
      },
    },
    blockstore: {
      put: async (cid) => {
        await stored
        puts.push(cid.toString())
        return cid
      },
    },
    inFlight: new Map(),
    getCodec: () => Promise.reject(new Error('raw blocks only')),
    log: silentLogger,
  }
  return { parts, puts, release }
}

/** A reader's blockstore that counts reads of the repo (or bitswap) and answers with `bytes`. */
function repo(bytes: Uint8Array) {
  const reads: string[] = []
  const store: ReaderBlockstore = {
    put: async (cid) => cid,
    has: async () => true,
    get: async function* (cid) {
      reads.push(cid.toString())
      yield bytes
    },
  }
  return { store, reads }
}

async function read(store: ReaderBlockstore, cid: CID): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  for await (const chunk of store.get(cid)) chunks.push(chunk)
  return Buffer.concat(chunks)
}

describe('DagFetch hands verified blocks to the reader', () => {
  // A reader that waited for the store would wait forever here: the timeout fails it.
  it(
    'gives the reader a verified block before it is stored, without reading it back',
    { timeout: 10_000 },
    async () => {
      const bytes = randomBytes(4096)
      const cid = rawCid(bytes)
      const { parts, puts, release } = components(bytes)
      const controller = new AbortController()
      const fetch = new DagFetch(parts, cid, controller.signal)
      const { store, reads } = repo(Buffer.alloc(0))
      const reader = fetchingBlockstore(store, fetch)
      assert.ok((await read(reader, cid)).equals(bytes))
      assert.deepEqual(reads, [])
      assert.deepEqual(puts, [], 'the store is still pending')
      release()
      assert.equal(await fetch.wait(cid), true)
      await fetch.done()
      assert.deepEqual(puts, [cid.toString()])
      assert.equal(fetch.stats.received, 1)
      assert.equal(fetch.complete, true)
      // Taken once: a second read goes to the repo.
      assert.equal(fetch.take(cid), undefined)
      controller.abort()
    },
  )

  it('never hands over a block that does not match its CID', async () => {
    const bytes = randomBytes(4096)
    const cid = rawCid(bytes)
    const { parts, puts, release } = components(randomBytes(4096))
    release()
    const controller = new AbortController()
    const fetch = new DagFetch(parts, cid, controller.signal)
    const { store, reads } = repo(bytes)
    const reader = fetchingBlockstore(store, fetch)
    // The fetch gives the block up; the reader then asks its blockstore (bitswap).
    assert.ok((await read(reader, cid)).equals(bytes))
    assert.deepEqual(reads, [cid.toString()])
    assert.deepEqual(puts, [])
    assert.equal(fetch.stats.refused, 1)
    assert.equal(await fetch.wait(cid), false)
    controller.abort()
  })
})

import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { base58btc } from 'multiformats/bases/base58'
import { backoffDelayMs } from '../../electron/node/ipfs/backoff.ts'
import {
  encodeExchange,
  MAX_ADDRESSES_PER_PEER,
  MAX_EXCHANGED_PEERS,
  validateExchangedPeers,
  validPeerAddress,
  validPeerId,
} from '../../electron/node/ipfs/peer-exchange.ts'
import { loadStoredPeers, MAX_LEARNED_PEERS } from '../../electron/node/ipfs/peers.ts'
import { tempDir } from '../helpers/temp.ts'

/** A fresh Ed25519 peer id, as libp2p writes it. */
async function newPeerId(): Promise<string> {
  const key = await generateKeyPair('Ed25519')
  return base58btc.encode(key.publicKey.toMultihash().bytes).slice(1)
}

const own = await newPeerId()
const other = await newPeerId()
/** An id in the older form (a sha2-256 multihash, as RSA keys give). */
const rsa = 'QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC'

test('the backoff doubles from the base to the cap, with its jitter in the upper half', () => {
  const options = { baseMs: 1_000, capMs: 60_000 }
  const top = (failures: number) => backoffDelayMs(failures, options, () => 0)
  const bottom = (failures: number) => backoffDelayMs(failures, options, () => 0.999_999)
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 7, 50].map(top),
    [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000],
  )
  assert.deepEqual([0, 1, 6, 1_000].map(bottom), [500, 1_000, 30_000, 30_000])
  for (let i = 0; i < 200; i++) {
    const delay = backoffDelayMs(3, options)
    assert.ok(delay >= 4_000 && delay <= 8_000, `${delay} within [4 s, 8 s]`)
  }
  // Junk counts never give a negative or endless wait.
  assert.equal(top(-3), 1_000)
  assert.equal(top(Number.MAX_SAFE_INTEGER), 60_000)
})

test('peer ids are decoded to check them', () => {
  assert.equal(validPeerId(own), own)
  assert.equal(validPeerId(rsa), rsa)
  for (const junk of ['', 'hello', '12D3KooW', `${own}0`, '/p2p/x', 42, null, 'a'.repeat(300)])
    assert.equal(validPeerId(junk), undefined, String(junk))
})

test('only dialable TCP addresses of the peer itself are taken from an exchange', () => {
  assert.equal(validPeerAddress('/ip4/127.0.0.1/tcp/4001', other), '/ip4/127.0.0.1/tcp/4001')
  assert.equal(
    validPeerAddress(`/ip4/10.0.0.7/tcp/4001/p2p/${other}`, other),
    '/ip4/10.0.0.7/tcp/4001',
  )
  assert.equal(validPeerAddress('/ip6/::1/tcp/4001', other), '/ip6/::1/tcp/4001')
  assert.equal(
    validPeerAddress('/dns4/node.hospital.example/tcp/4001', other),
    '/dns4/node.hospital.example/tcp/4001',
  )
  for (const junk of [
    `/ip4/10.0.0.7/tcp/4001/p2p/${own}`, // another peer's id
    '/ip4/0.0.0.0/tcp/4001', // the unspecified address
    '/ip6/::/tcp/4001',
    '/ip4/10.0.0.7/tcp/0',
    '/ip4/10.0.0.7/udp/4001/quic-v1',
    '/ip4/10.0.0.7/tcp/4001/ws',
    `/ip4/10.0.0.7/tcp/4001/p2p/${other}/p2p-circuit`,
    '/ip4/999.0.0.7/tcp/4001',
    'not a multiaddr',
    '',
    42,
    null,
    `/ip4/10.0.0.7/tcp/4001${'/'.repeat(300)}`,
  ]) {
    assert.equal(validPeerAddress(junk, other), undefined, String(junk))
  }
})

test('an exchange answer keeps valid peers and drops junk, our own id and the excess', () => {
  const answer = {
    peers: [
      { peerId: other, addresses: ['/ip4/127.0.0.1/tcp/4001', 'junk', '/ip4/0.0.0.0/tcp/1'] },
      { peerId: own, addresses: ['/ip4/127.0.0.1/tcp/4002'] }, // ourselves
      { peerId: 'nope', addresses: ['/ip4/127.0.0.1/tcp/4003'] },
      { peerId: rsa, addresses: ['/ip4/0.0.0.0/tcp/4004'] }, // no valid address left
      { peerId: rsa, addresses: 'not a list' },
      null,
      'junk',
      { peerId: other, addresses: ['/ip4/127.0.0.1/tcp/4001', '/ip4/10.1.1.1/tcp/4001'] },
    ],
  }
  assert.deepEqual(validateExchangedPeers(answer, own), [
    { peerId: other, addresses: ['/ip4/127.0.0.1/tcp/4001', '/ip4/10.1.1.1/tcp/4001'] },
  ])
  for (const junk of [null, 42, 'x', [], {}, { peers: 'x' }, { peers: {} }])
    assert.deepEqual(validateExchangedPeers(junk, own), [])

  const many = Array.from({ length: 20 }, (_, i) => `/ip4/10.0.0.${i + 1}/tcp/4001`)
  const [capped] = validateExchangedPeers({ peers: [{ peerId: other, addresses: many }] }, own)
  assert.equal(capped?.addresses.length, MAX_ADDRESSES_PER_PEER)
})

test('at most MAX_EXCHANGED_PEERS peers are taken from one answer, and sent in one', async () => {
  const ids: string[] = []
  for (let i = 0; i < MAX_EXCHANGED_PEERS + 5; i++) ids.push(await newPeerId())
  const peers = ids.map((peerId, i) => ({ peerId, addresses: [`/ip4/10.0.1.${i + 1}/tcp/4001`] }))
  const taken = validateExchangedPeers({ peers }, own)
  assert.equal(taken.length, MAX_EXCHANGED_PEERS)
  const sent = JSON.parse(new TextDecoder().decode(encodeExchange(peers)))
  assert.equal(sent.peers.length, MAX_EXCHANGED_PEERS)
})

test('stored learned peers are read back checked; a damaged file loses only what is invalid', async () => {
  const dir = await tempDir('emr-known-peers-')
  const file = path.join(dir, 'known-peers.json')
  assert.deepEqual(await loadStoredPeers(file, own), [], 'no file yet')
  await writeFile(file, '{ not json')
  assert.deepEqual(await loadStoredPeers(file, own), [])
  await writeFile(
    file,
    JSON.stringify({
      format: 'emr-node-known-peers/1',
      peers: [
        {
          peerId: other,
          addresses: ['/ip4/127.0.0.1/tcp/4001', 'junk'],
          source: 'inbound',
          lastSeen: '2026-12-06T01:00:00.000Z',
        },
        { peerId: own, addresses: ['/ip4/127.0.0.1/tcp/4002'], source: 'exchanged' },
        { peerId: 'nope', addresses: [] },
        { peerId: rsa, addresses: ['/ip4/127.0.0.1/tcp/4003'], source: 'configured' },
      ],
    }),
  )
  assert.deepEqual(await loadStoredPeers(file, own), [
    {
      peerId: other,
      addresses: ['/ip4/127.0.0.1/tcp/4001'],
      source: 'inbound',
      lastSeen: Date.parse('2026-12-06T01:00:00.000Z'),
    },
    // A stored peer is never taken for a configured one.
    { peerId: rsa, addresses: ['/ip4/127.0.0.1/tcp/4003'], source: 'exchanged', lastSeen: null },
  ])
  const flood = Array.from({ length: MAX_LEARNED_PEERS + 10 }, () => ({
    peerId: other,
    addresses: ['/ip4/127.0.0.1/tcp/4001'],
  }))
  await writeFile(file, JSON.stringify({ peers: flood }))
  assert.ok((await loadStoredPeers(file, own)).length <= MAX_LEARNED_PEERS)
})

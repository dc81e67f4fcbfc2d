import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  nodesToPin,
  rankNodes,
  rendezvousWeight,
  wantedCopies,
} from '../../electron/node/replication/placement.ts'

const peers = Array.from({ length: 6 }, (_, i) => `12D3KooWPeer${i}`)
const cids = Array.from({ length: 200 }, (_, i) => `bafkreiversion${i}`)

describe('the choice of replica nodes', () => {
  test('every node ranks the same, whatever order it lists the swarm in', () => {
    for (const cid of cids.slice(0, 20)) {
      assert.deepEqual(rankNodes(cid, peers), rankNodes(cid, [...peers].reverse()))
      assert.deepEqual(rankNodes(cid, peers), rankNodes(cid, [...peers, ...peers]))
    }
  })

  test('the uploader holds it, plus the heaviest of the others up to copies', () => {
    const [uploader, ...others] = peers
    for (const cid of cids.slice(0, 20)) {
      const chosen = nodesToPin({ cid, nodes: peers, holders: new Set([uploader!]), copies: 3 })
      assert.deepEqual(chosen, rankNodes(cid, others).slice(0, 2))
    }
  })

  test('nothing to pin once enough nodes hold it; all holders count, not only the uploader', () => {
    const holders = new Set(peers.slice(0, 2))
    assert.deepEqual(nodesToPin({ cid: cids[0]!, nodes: peers, holders, copies: 2 }), [])
    const one = nodesToPin({ cid: cids[0]!, nodes: peers, holders, copies: 3 })
    assert.equal(one.length, 1)
    assert.ok(!holders.has(one[0]!))
  })

  test("'all' asks every node, and a count above the swarm's size asks for the swarm", () => {
    const holders = new Set([peers[0]!])
    assert.deepEqual(
      new Set(nodesToPin({ cid: cids[0]!, nodes: peers, holders, copies: 'all' })),
      new Set(peers.slice(1)),
    )
    assert.equal(nodesToPin({ cid: cids[0]!, nodes: peers, holders, copies: 32 }).length, 5)
    assert.equal(wantedCopies('all', 4), 4)
    assert.equal(wantedCopies(2, 1), 1)
    assert.equal(wantedCopies(5, 3), 3)
  })

  test('a holder that left is replaced by the next in rank (repair)', () => {
    const cid = cids[7]!
    const ranked = rankNodes(cid, peers)
    // The two heaviest held it; the first left the swarm.
    const remaining = peers.filter((peer) => peer !== ranked[0])
    assert.deepEqual(
      nodesToPin({ cid, nodes: remaining, holders: new Set([ranked[1]!]), copies: 2 }),
      [ranked[2]],
    )
  })

  test('versions spread over the nodes, and a node joining moves only the ones it ranks first for', () => {
    const firsts = new Map<string, number>()
    for (const cid of cids) {
      const first = rankNodes(cid, peers)[0]!
      firsts.set(first, (firsts.get(first) ?? 0) + 1)
    }
    assert.equal(firsts.size, peers.length)
    for (const count of firsts.values()) assert.ok(count > 10, `a fair share: ${count}`)
    const joined = [...peers, '12D3KooWNewcomer']
    for (const cid of cids) {
      const before = rankNodes(cid, peers)[0]
      const after = rankNodes(cid, joined)[0]
      assert.ok(after === before || after === '12D3KooWNewcomer')
    }
  })

  test('the weight depends on both the CID and the peer', () => {
    assert.notEqual(rendezvousWeight(cids[0]!, peers[0]!), rendezvousWeight(cids[1]!, peers[0]!))
    assert.notEqual(rendezvousWeight(cids[0]!, peers[0]!), rendezvousWeight(cids[0]!, peers[1]!))
    assert.equal(rendezvousWeight(cids[0]!, peers[0]!), rendezvousWeight(cids[0]!, peers[0]!))
  })
})

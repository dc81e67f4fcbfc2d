import assert from 'node:assert/strict'
import { test } from 'node:test'
import { siteConfigPeers } from '../../electron/node/identity/site-config.ts'
import { siteConfigSchema } from '../../electron/node/identity/schemas.ts'

const self = '12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq'
const b = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'
const c = '12D3KooWLQLrSeJnugPckFDB5NHA9fMhiYb1GD8oKZmAxAt9GbgK'

test('the site configuration carries this node and every known peer, each by its reachable addresses', () => {
  const peers = siteConfigPeers(
    {
      peerId: self,
      listenAddresses: [
        `/ip4/127.0.0.1/tcp/4001/p2p/${self}`,
        `/ip4/10.0.0.5/tcp/4001/p2p/${self}`,
      ],
    },
    [
      // Configured, with a LAN address and a loopback one: the LAN one only.
      { peerId: b, addresses: ['/ip4/10.0.0.6/tcp/4001', '/ip4/127.0.0.1/tcp/4001'] },
      // Exchanged, on this machine only: its loopback address, for nodes on this machine.
      { peerId: c, addresses: ['/ip4/127.0.0.1/tcp/4010', '/ip4/0.0.0.0/tcp/4010'] },
      // A configured address that never answered: no id, left out.
      { peerId: null, addresses: ['/dns4/node.example/tcp/4001'] },
      // Seen twice (configured and learned): once.
      { peerId: b, addresses: ['/ip4/10.0.0.6/tcp/4001'] },
    ],
  )
  assert.deepEqual(peers, [
    `/ip4/10.0.0.5/tcp/4001/p2p/${self}`,
    `/ip4/10.0.0.6/tcp/4001/p2p/${b}`,
    `/ip4/127.0.0.1/tcp/4010/p2p/${c}`,
  ])
})

test("what the export carries passes the joining side's schema", () => {
  const peers = siteConfigPeers({ peerId: self, listenAddresses: ['/ip4/0.0.0.0/tcp/4001'] }, [
    { peerId: b, addresses: ['/ip6/::1/tcp/4001', '/ip4/10.0.0.6/udp/4001/quic-v1'] },
  ])
  assert.deepEqual(peers, [`/ip6/::1/tcp/4001/p2p/${b}`])
  const config = {
    format: 'emr-node-site/1',
    network: 'EMR network',
    chain: {
      rpcUrl: 'http://10.0.0.5:8545',
      chainId: 1337,
      contractAddress: `0x${'1'.repeat(40)}`,
    },
    ipfs: { swarmKey: 'key', peers },
  }
  assert.ok(siteConfigSchema.safeParse(config).success)
})

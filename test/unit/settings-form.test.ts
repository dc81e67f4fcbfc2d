import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultSettings } from '../../electron/node/settings/schema.ts'
import { parseForm, toFormValues } from '../../renderer/src/features/settings/form.ts'

describe('the settings form', () => {
  const values = toFormValues(defaultSettings)

  it('turns the saved settings into a patch of every section it edits', () => {
    const parsed = parseForm({ ...values, idleLockMinutes: 5, anchorEveryMinutes: 15 })
    assert.ok(parsed.ok)
    assert.deepEqual(parsed.patch.security, { idleLockMinutes: 5 })
    assert.deepEqual(parsed.patch.audit, { anchorEveryMinutes: 15 })
    assert.deepEqual(parsed.patch.chain, defaultSettings.chain)
  })

  it('points a refused value at its own field, and an empty one is refused, not taken as 0', () => {
    const parsed = parseForm({ ...values, idleLockMinutes: 0, anchorEveryMinutes: '' })
    assert.equal(parsed.ok, false)
    assert.deepEqual(!parsed.ok && parsed.errors, {
      idleLockMinutes: { messageKey: 'settings.invalidIdleLockMinutes' },
      anchorEveryMinutes: { messageKey: 'settings.invalidAnchorEveryMinutes' },
    })
  })

  it('takes the gas top-up as ETH text, and refuses what is not an amount above 0', () => {
    assert.equal(values.topUpEth, '0.1')
    const parsed = parseForm({ ...values, topUpEth: ' 0.25 ' })
    assert.deepEqual(parsed.ok && parsed.patch.funding, { topUpEth: '0.25' })
    for (const topUpEth of ['', '0', '1e-3', '-1', 'ten']) {
      const refused = parseForm({ ...values, topUpEth })
      assert.deepEqual(!refused.ok && refused.errors, {
        topUpEth: { messageKey: 'settings.invalidTopUpEth' },
      })
    }
  })

  it("takes the replica count, or 'all' nodes, and refuses a count outside 1 to 32", () => {
    assert.equal(values.replicaCopies, 2)
    assert.equal(values.replicateToAll, false)
    const three = parseForm({ ...values, replicaCopies: 3 })
    assert.deepEqual(three.ok && three.patch.replication, { copies: 3 })
    const all = parseForm({ ...values, replicateToAll: true, replicaCopies: '' })
    assert.deepEqual(all.ok && all.patch.replication, { copies: 'all' })
    const saved = toFormValues({ ...defaultSettings, replication: { copies: 'all' } })
    assert.deepEqual([saved.replicateToAll, saved.replicaCopies], [true, 2])
    for (const replicaCopies of ['', 0, 33, 1.5]) {
      const refused = parseForm({ ...values, replicaCopies })
      assert.deepEqual(!refused.ok && refused.errors, {
        replicaCopies: { messageKey: 'settings.invalidReplicaCopies' },
      })
    }
  })

  it('marks the wrong lines of the peer list', () => {
    const parsed = parseForm({ ...values, peers: '/ip4/10.0.0.5/tcp/4001\n\nnot a peer' })
    assert.deepEqual(!parsed.ok && parsed.errors.peers, {
      messageKey: 'settings.invalidPeers',
      lines: [3],
    })
  })
})

describe("the settings form's served chain", () => {
  const values = toFormValues(defaultSettings)

  it('keeps the bind address and public URL, and leaves an empty public URL out', () => {
    const served = parseForm({ ...values, rpcPort: 8545, rpcHost: ' 10.0.0.5 ', rpcPublicUrl: '' })
    assert.ok(served.ok)
    assert.deepEqual(served.patch.chain, { mode: 'embedded', rpcPort: 8545, rpcHost: '10.0.0.5' })
    const proxied = parseForm({ ...values, rpcPublicUrl: 'https://chain.hospital-a.example' })
    assert.ok(proxied.ok)
    assert.equal(
      proxied.patch.chain.mode === 'embedded' && proxied.patch.chain.rpcPublicUrl,
      'https://chain.hospital-a.example',
    )
  })

  it('round-trips what is stored, so saving another section never resets them', () => {
    const stored = {
      ...defaultSettings,
      chain: {
        mode: 'embedded' as const,
        rpcPort: 8545,
        rpcHost: '10.0.0.5',
        rpcPublicUrl: 'https://chain.hospital-a.example',
      },
    }
    const parsed = parseForm(toFormValues(stored))
    assert.ok(parsed.ok)
    assert.deepEqual(parsed.patch.chain, stored.chain)
  })

  it('keeps the confirmations, and the deployment block while the registry stays the same', () => {
    const registry = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
    const stored = {
      ...defaultSettings,
      chain: {
        mode: 'external' as const,
        rpcUrl: 'https://chain.consortium.example',
        contractAddress: registry,
        deploymentBlock: 1_234_567,
        confirmations: 6,
      },
    }
    const same = parseForm(toFormValues(stored))
    assert.ok(same.ok)
    assert.deepEqual(same.patch.chain, stored.chain)
    // Another registry's deployment block is not this one's: the node finds it instead.
    const moved = parseForm({
      ...toFormValues(stored),
      contractAddress: '0x0000000000000000000000000000000000000001',
      confirmations: '',
    })
    assert.ok(moved.ok)
    assert.deepEqual(moved.patch.chain, {
      mode: 'external',
      rpcUrl: 'https://chain.consortium.example',
      contractAddress: '0x0000000000000000000000000000000000000001',
    })
    const tooMany = parseForm({ ...toFormValues(stored), confirmations: 65 })
    assert.deepEqual(!tooMany.ok && tooMany.errors, {
      confirmations: { messageKey: 'settings.invalidConfirmations' },
    })
  })

  it('refuses a host name as the bind address, and a public URL naming no machine', () => {
    const parsed = parseForm({
      ...values,
      rpcHost: 'localhost',
      rpcPublicUrl: 'http://0.0.0.0:8545',
    })
    assert.deepEqual(!parsed.ok && parsed.errors, {
      rpcHost: { messageKey: 'settings.invalidRpcHost' },
      rpcPublicUrl: { messageKey: 'settings.invalidRpcPublicUrl' },
    })
  })
})

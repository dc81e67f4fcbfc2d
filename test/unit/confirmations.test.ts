import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  EXTERNAL_CHAIN_CONFIRMATIONS,
  confirmationsFor,
} from '../../electron/node/chain/confirmations.ts'

test('confirmations: none on the embedded chain; on an external one the setting, else by client', () => {
  const cases: [Parameters<typeof confirmationsFor>[0], string | null, number][] = [
    [{ mode: 'embedded' }, null, 0],
    [
      { mode: 'external' },
      'Geth/v1.14.8-stable/linux-amd64/go1.22.6',
      EXTERNAL_CHAIN_CONFIRMATIONS,
    ],
    [{ mode: 'external' }, 'besu/v24.7.0/linux-x86_64/openjdk-java-21', 2],
    [{ mode: 'external' }, 'Nethermind/v1.28.0', 2],
    [{ mode: 'external' }, null, 2],
    // Single-producer development chains mine a block per transaction and never reorganise.
    [{ mode: 'external' }, 'Ganache/v7.9.2/EthereumJS TestRPC/v7.9.2/ethereum-js', 0],
    [{ mode: 'external' }, 'anvil/v0.2.0', 0],
    [{ mode: 'external' }, 'HardhatNetwork/2.22.0/@ethereumjs/vm/7.0.0', 0],
    [{ mode: 'external', confirmations: 0 }, 'Geth/v1.14.8', 0],
    [{ mode: 'external', confirmations: 6 }, 'Ganache/v7.9.2', 6],
    // A name that only contains a development client's is not one.
    [{ mode: 'external' }, 'MyGanache-proxy/1.0', 2],
  ]
  for (const [settings, client, expected] of cases) {
    assert.equal(confirmationsFor(settings, client), expected, `${settings.mode} ${client}`)
  }
})

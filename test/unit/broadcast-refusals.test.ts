import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BrowserProvider, Network, Wallet, type Eip1193Provider } from 'ethers'
import {
  classifyBroadcastRefusal,
  type BroadcastRefusal,
} from '../../electron/node/chain/broadcast-refusals.ts'

/**
 * The error ethers throws when a client refuses `eth_sendRawTransaction` with `refusal`: a
 * stand-in client behind ethers' own provider, so the test sees ethers' real wrapping.
 */
async function refusedBroadcast(refusal: { code: number; message: string }): Promise<unknown> {
  const client: Eip1193Provider = {
    request: async ({ method }) => {
      if (method === 'eth_chainId') return '0x539'
      if (method === 'eth_blockNumber') return '0x10'
      if (method === 'eth_sendRawTransaction')
        throw Object.assign(new Error(refusal.message), refusal)
      throw new Error(`unexpected ${method}`)
    },
  }
  const network = Network.from(1337)
  const provider = new BrowserProvider(client, network, { staticNetwork: network })
  const raw = await Wallet.createRandom().signTransaction({
    to: Wallet.createRandom().address,
    value: 1n,
    nonce: 3,
    gasLimit: 21_000n,
    gasPrice: 1_000_000_000n,
    chainId: 1337n,
  })
  try {
    await provider.broadcastTransaction(raw)
  } catch (error) {
    return error
  } finally {
    provider.destroy()
  }
  assert.fail('the broadcast was not refused')
}

const answers: [
  client: string,
  refusal: { code: number; message: string },
  meaning: BroadcastRefusal,
][] = [
  [
    'Anvil, a re-sent transaction',
    { code: -32003, message: 'transaction already imported' },
    'already-held',
  ],
  ['Geth, a re-sent transaction', { code: -32000, message: 'already known' }, 'already-held'],
  [
    'older Geth, a re-sent transaction',
    { code: -32000, message: 'known transaction: 0x5f0e…' },
    'already-held',
  ],
  ['Besu, a re-sent transaction', { code: -32000, message: 'Known transaction' }, 'already-held'],
  ['Nethermind, a re-sent transaction', { code: -32010, message: 'AlreadyKnown' }, 'already-held'],
  [
    'Geth, a used nonce',
    { code: -32000, message: 'nonce too low: next nonce 4, tx nonce 3' },
    'nonce-used',
  ],
  ['Anvil, a used nonce', { code: -32003, message: 'nonce too low' }, 'nonce-used'],
  ['Nethermind, a used nonce', { code: -32010, message: 'OldNonce' }, 'nonce-used'],
  [
    'Ganache, a used nonce',
    {
      code: -32000,
      message: "the tx doesn't have the correct nonce. account has nonce of: 4 tx has nonce of: 3",
    },
    'nonce-used',
  ],
  [
    'Geth, no funds',
    { code: -32000, message: 'insufficient funds for gas * price + value' },
    'other',
  ],
  [
    'Geth, an underpriced replacement',
    { code: -32000, message: 'replacement transaction underpriced' },
    'other',
  ],
  ['any client, a broken transaction', { code: -32602, message: 'invalid sender' }, 'other'],
]

for (const [client, refusal, meaning] of answers) {
  test(`${client} ("${refusal.message}") means ${meaning}`, async () => {
    assert.equal(classifyBroadcastRefusal(await refusedBroadcast(refusal)), meaning)
  })
}

test('an error that is not a client answer is neither', () => {
  assert.equal(classifyBroadcastRefusal(new Error('socket hang up')), 'other')
  assert.equal(classifyBroadcastRefusal(undefined), 'other')
  assert.equal(classifyBroadcastRefusal('already known'), 'other')
})

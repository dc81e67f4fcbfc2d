import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  BrowserProvider,
  Network,
  Transaction,
  Wallet,
  parseEther,
  type Eip1193Provider,
} from 'ethers'
import {
  insufficientFundsError,
  isInsufficientFunds,
} from '../../electron/node/chain/insufficient-funds.ts'

const sender = Wallet.createRandom()
const tx = {
  to: Wallet.createRandom().address,
  value: parseEther('0.5'),
  nonce: 0,
  gasLimit: 21_000n,
  maxFeePerGas: 2_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
  chainId: 1337n,
}

/** A stand-in client behind ethers' own provider: it holds `balance` and refuses broadcasts. */
function client(refusal: { code: number; message: string }, balance = 0n) {
  const stand: Eip1193Provider = {
    request: async ({ method }) => {
      if (method === 'eth_chainId') return '0x539'
      if (method === 'eth_blockNumber') return '0x10'
      if (method === 'eth_getBalance') return `0x${balance.toString(16)}`
      if (method === 'eth_sendRawTransaction')
        throw Object.assign(new Error(refusal.message), refusal)
      throw new Error(`unexpected ${method}`)
    },
  }
  const network = Network.from(1337)
  return new BrowserProvider(stand, network, { staticNetwork: network })
}

async function refusedBroadcast(refusal: { code: number; message: string }): Promise<unknown> {
  const provider = client(refusal)
  try {
    await provider.broadcastTransaction(await sender.signTransaction(tx))
  } catch (error) {
    return error
  } finally {
    provider.destroy()
  }
  assert.fail('the broadcast was not refused')
}

const answers: [client: string, refusal: { code: number; message: string }, noFunds: boolean][] = [
  [
    'Geth',
    { code: -32000, message: 'insufficient funds for gas * price + value: have 0 want 1' },
    true,
  ],
  ['Ganache', { code: -32003, message: 'insufficient funds for gas * price + value' }, true],
  ['Nethermind', { code: -32010, message: 'InsufficientFunds, Balance is 0' }, true],
  ['Besu', { code: -32004, message: 'Upfront cost exceeds account balance' }, true],
  ['Geth, a used nonce', { code: -32000, message: 'nonce too low' }, false],
  ['Geth, a fee too low', { code: -32000, message: 'transaction underpriced' }, false],
]

for (const [name, refusal, noFunds] of answers) {
  test(`${name}: ${noFunds ? 'missing funds' : 'not about funds'}`, async () => {
    assert.equal(isInsufficientFunds(await refusedBroadcast(refusal)), noFunds)
  })
}

test('the error names the account, the most the transaction needs and what it holds', async () => {
  const provider = client({ code: 0, message: '' }, parseEther('0.25'))
  try {
    const signed = Transaction.from(await sender.signTransaction(tx))
    const error = await insufficientFundsError(provider, sender.address, signed, null)
    assert.equal(error.code, 'ERR_INSUFFICIENT_FUNDS')
    // 21,000 gas at 2 gwei at most, plus the 0.5 ETH sent.
    assert.deepEqual(error.details, {
      account: sender.address,
      needed: '0.500042',
      holds: '0.25',
    })
    assert.equal(
      error.message,
      `Account ${sender.address} needs at least 0.500042 ETH for this transaction; it holds 0.25 ETH`,
    )
  } finally {
    provider.destroy()
  }
})

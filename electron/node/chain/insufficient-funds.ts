/**
 * A transaction the chain refuses because its sender cannot pay for it: ethers' INSUFFICIENT_FUNDS,
 * or the client's own words where ethers passes them on unsorted (Geth, Erigon, Anvil and
 * Ganache `insufficient funds for gas * price + value`, Nethermind `InsufficientFunds`, Besu
 * `Upfront cost exceeds account balance`), at the estimate or at the broadcast. Named so the user
 * learns whose account needs how much, never ERR_INTERNAL.
 */
import { formatEther, type Provider, type TransactionLike } from 'ethers'
import { InsufficientFundsError } from '../errors.ts'
import { messagesOf } from './broadcast-refusals.ts'

const INSUFFICIENT_FUNDS = /insufficient ?funds|upfront cost exceeds account balance/i

export function isInsufficientFunds(error: unknown): boolean {
  if ((error as { code?: unknown })?.code === 'INSUFFICIENT_FUNDS') return true
  return messagesOf(error).some((text) => INSUFFICIENT_FUNDS.test(text))
}

/**
 * The error naming `account`, what `tx` needs at most (gas limit times the highest fee, plus the
 * value sent) and what the account holds now. Without a gas limit (the estimate itself failed),
 * the need is the value alone, and the message says so.
 */
export async function insufficientFundsError(
  provider: Provider,
  account: string,
  tx: Pick<TransactionLike, 'gasLimit' | 'maxFeePerGas' | 'gasPrice' | 'value'>,
  cause: unknown,
): Promise<InstanceType<typeof InsufficientFundsError>> {
  const holds = await provider.getBalance(account)
  const value = BigInt(tx.value ?? 0)
  const fee = BigInt(tx.maxFeePerGas ?? tx.gasPrice ?? 0)
  const gas = BigInt(tx.gasLimit ?? 0)
  const needed = gas * fee + value
  const details = { account, needed: formatEther(needed), holds: formatEther(holds) }
  const message =
    gas > 0n
      ? `Account ${account} needs at least ${details.needed} ETH for this transaction; it holds ${details.holds} ETH`
      : `Account ${account} cannot pay for this transaction's gas; it holds ${details.holds} ETH`
  return new InsufficientFundsError(message, { cause, details })
}

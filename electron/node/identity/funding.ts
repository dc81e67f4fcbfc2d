/**
 * Gas for members on an external chain, which has no faucet: the governor's or an institution
 * administrator's account pays. Automatically, a new member is topped up to the configured
 * amount (`funding.topUpEth`) when an institution is added or staff are approved or registered
 * directly; explicitly, `accounts.fund` sends any amount (for staff who must pay for their own
 * registration first). On the embedded chain the faucet pays at sign-in, and nothing here runs
 * on its own.
 */
import { formatEther, getAddress, parseEther, type Signer } from 'ethers'
import { EmrError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { sessionSigner } from './registry-calls.ts'
import type { TopUpOutcome, TopUpView } from './types.ts'

/** The signed-in account sends `amount` ETH to `to`. */
export function fundAccount(
  node: HospitalNode,
  input: { to: string; amount: string },
): Promise<TopUpView> {
  return transfer(node, sessionSigner(node), getAddress(input.to), parseEther(input.amount))
}

/**
 * After an approval by the signed-in account: on an external chain, `member` is topped up to
 * the configured amount when it holds less. The approval is mined already and stands, so a
 * failed top-up (the approver's own funds, say) is reported beside it rather than thrown.
 * Undefined when nothing was sent.
 */
export async function topUpNewMember(
  node: HospitalNode,
  member: string,
): Promise<TopUpOutcome | undefined> {
  if (node.chain.mode !== 'external') return undefined
  const to = getAddress(member)
  try {
    const target = parseEther(node.settings.get().funding.topUpEth)
    const balance = await node.chain.provider.getBalance(to)
    if (balance >= target) return undefined
    return await transfer(node, sessionSigner(node), to, target - balance)
  } catch (error) {
    if (!(error instanceof EmrError)) throw error
    node.log.warn('topping up a new member failed', { to, code: error.code })
    return { to, error: error.toJSON() }
  }
}

async function transfer(
  node: HospitalNode,
  from: Signer,
  to: string,
  value: bigint,
): Promise<TopUpView> {
  const sent = await node.chain.outbox.send(`fund:${to}`, from, { to, value })
  return { to, amount: formatEther(value), txHash: sent.txHash }
}

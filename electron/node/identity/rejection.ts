import { partyResolver } from '../access/parties.ts'
import { blockTimes } from '../chain/block-times.ts'
import type { HospitalNode } from '../node.ts'
import type { MemberView, StaffRejectionView } from './types.ts'

/**
 * Why an account the registry does not know may still have tried: its last registration was
 * rejected. A rejection removes the member, so it is told apart from a new account only here;
 * a later registration makes the account a member again and the rejection no longer applies.
 */
export async function lastRejection(
  node: HospitalNode,
  address: string,
  member: MemberView,
): Promise<StaffRejectionView | null> {
  if (member.kind !== 'none') return null
  const account = address.toLowerCase()
  const rejection = node.chain.indexer
    .events('StaffRejected')
    .findLast((event) => event.args.account?.toLowerCase() === account)
  if (!rejection) return null
  const times = await blockTimes(node, [rejection.blockNumber])
  return {
    at: times.get(rejection.blockNumber) ?? '',
    by: partyResolver(node)(rejection.args.by!),
    txHash: rejection.txHash,
  }
}

/**
 * The deadline of a consent a patient signs now for staff to relay (the registry's `…BySig`
 * functions refuse it once `block.timestamp` passed it).
 */
import type { Provider } from 'ethers'

/** How long a patient's signed consent stays valid for the staff member relaying it. */
export const SIGNATURE_LIFETIME_S = 10 * 60

/**
 * The later of the workstation's clock and the latest block's time, plus the lifetime. The
 * clock is what counts: a chain that mines only on demand may have had no block for hours, and
 * the block that includes the consent is mined now. The block's time only guards a workstation
 * whose clock runs behind the chain's.
 */
export function deadlineFrom(nowMs: number, latestBlockTimeS: number): bigint {
  return BigInt(Math.max(Math.floor(nowMs / 1000), latestBlockTimeS) + SIGNATURE_LIFETIME_S)
}

/** The deadline to sign into a consent now, on the chain `provider` speaks to. */
export async function signatureDeadline(provider: Provider): Promise<bigint> {
  const latest = await provider.getBlock('latest')
  return deadlineFrom(Date.now(), latest?.timestamp ?? 0)
}

import { isHexString, type Interface } from 'ethers'
import { ContractRevertedError } from '../errors.ts'
import { contractError } from './contract-errors.ts'

/**
 * The revert data of a failed call or estimate. Ganache reports it as `{ result }` inside the
 * JSON-RPC error's data, where ethers does not look, so `error.data` stays null there.
 */
export function revertDataOf(error: unknown): string | undefined {
  const { data, info } = (error ?? {}) as {
    data?: unknown
    info?: { error?: { data?: { result?: unknown } } }
  }
  if (isHexString(data)) return data
  const result = info?.error?.data?.result
  return isHexString(result) ? result : undefined
}

/** Names the contract's custom error for a reverted call or estimate, or rethrows anything else. */
export function toContractError(error: unknown, iface: Interface): never {
  const data = revertDataOf(error)
  if (!data) throw error
  const parsed = iface.parseError(data)
  if (!parsed) throw new ContractRevertedError(`The contract refused the transaction (${data})`)
  throw contractError(parsed.name, parsed.args)
}

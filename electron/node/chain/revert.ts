import { isCallException, type Interface } from 'ethers'
import { ContractRevertedError } from '../errors.ts'

/** Names the contract's custom error for a reverted call or estimate, or rethrows anything else. */
export function toContractError(error: unknown, iface: Interface): never {
  if (!isCallException(error) || !error.data) throw error
  const parsed = iface.parseError(error.data)
  if (!parsed)
    throw new ContractRevertedError(`The contract refused the transaction (${error.data})`)
  const args = parsed.args.map(String).join(', ')
  throw new ContractRevertedError(`The contract refused the transaction: ${parsed.name}(${args})`, {
    cause: { error: parsed.name, args: parsed.args.map(String) },
  })
}

import type { Signer } from 'ethers'
import { registryInterface } from '../chain/chain-service.ts'
import type { SentTransaction } from '../chain/outbox.ts'
import type { HospitalNode } from '../node.ts'
import type { TxReceiptView } from './types.ts'

export interface RegistryCallOptions {
  /** What the transaction is for, so a restart can find it in the outbox. */
  intent?: string
  /** The call's known gas ceiling: no estimate is needed (see `TxOutbox.send`). */
  gasLimit?: bigint
}

/**
 * Sends one registry call through the outbox and waits until the event indexer has seen it, so
 * lists read right after a change already show it.
 */
export async function callRegistry(
  node: HospitalNode,
  signer: Signer,
  method: string,
  args: readonly unknown[],
  options: RegistryCallOptions = {},
): Promise<SentTransaction> {
  const intent = options.intent ?? `${method}:${await signer.getAddress()}`
  const sent = await node.chain.outbox.send(intent, signer, {
    to: node.chain.deployment.contractAddress,
    data: registryInterface.encodeFunctionData(method, args),
    gasLimit: options.gasLimit,
  })
  await node.chain.indexer.sync()
  return sent
}

/** The receipt card of the paper's Fig. 2, plus the block. */
export function receiptView(
  node: HospitalNode,
  sent: SentTransaction,
  result: string,
): TxReceiptView {
  return {
    contractAddress: node.chain.deployment.contractAddress,
    txHash: sent.txHash,
    blockNumber: sent.blockNumber,
    gasUsed: sent.gasUsed.toString(),
    result,
  }
}

/** The signed-in account's key, connected to the chain. */
export function sessionSigner(node: HospitalNode): Signer {
  return node.vault.requireSession().connect(node.chain.provider)
}

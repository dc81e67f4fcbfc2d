import type { Signer } from 'ethers'
import { registryInterface } from '../chain/chain-service.ts'
import type { SentTransaction } from '../chain/outbox.ts'
import type { HospitalNode } from '../node.ts'
import type { TxReceiptView } from './types.ts'

/**
 * Sends one registry call through the outbox and waits until the event indexer has seen it, so
 * lists read right after a change already show it.
 */
export async function callRegistry(
  node: HospitalNode,
  signer: Signer,
  method: string,
  args: readonly unknown[],
  intent?: string,
): Promise<SentTransaction> {
  intent ??= `${method}:${await signer.getAddress()}`
  const sent = await node.chain.outbox.send(intent, signer, {
    to: node.chain.deployment.contractAddress,
    data: registryInterface.encodeFunctionData(method, args),
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

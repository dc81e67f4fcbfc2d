import type { Provider } from 'ethers'
import type { Database } from '../db/database.ts'
import type { Logger } from '../log.ts'

/**
 * The first block holding code at `address`, by binary search on `eth_getCode` at past blocks
 * (about 25 calls for 30 million blocks), checked by finding the transaction that created the
 * contract in it. Null when the chain cannot say: a node that keeps only recent state (Geth
 * without `--gcmode archive`) refuses such reads, or may answer "no code" for the blocks it
 * pruned, which the check catches, as it does a registry created by another contract.
 */
export async function findDeploymentBlock(
  provider: Provider,
  address: string,
): Promise<number | null> {
  const hasCode = async (block: number) => (await provider.getCode(address, block)) !== '0x'
  try {
    let low = 0
    let high = await provider.getBlockNumber()
    if (!(await hasCode(high))) return null
    while (low < high) {
      const middle = Math.floor((low + high) / 2)
      if (await hasCode(middle)) high = middle
      else low = middle + 1
    }
    return (await createdIn(provider, address, low)) ? low : null
  } catch {
    return null
  }
}

/**
 * Where the indexer starts on an external chain: the site configuration's `deploymentBlock`
 * when given; else found once by `findDeploymentBlock` and kept in `node_meta`; else block 0,
 * which only costs a longer first scan.
 */
export async function externalDeploymentBlock(options: {
  configured: number | undefined
  db: Database
  provider: Provider
  chainId: number
  address: string
  log: Logger
}): Promise<number> {
  if (options.configured !== undefined) return options.configured
  const key = `deployment_block:${options.chainId}:${options.address.toLowerCase()}`
  const kept = options.db.prepare('SELECT value FROM node_meta WHERE key = ?').get(key) as
    { value: string } | undefined
  if (kept) return Number(kept.value)
  const found = await findDeploymentBlock(options.provider, options.address)
  if (found === null) {
    options.log.warn('the registry’s deployment block is unknown: indexing from block 0', {
      hint: 'set chain.deploymentBlock in the site configuration',
    })
    return 0
  }
  options.db.prepare('INSERT OR REPLACE INTO node_meta (key, value) VALUES (?, ?)').run(key, found)
  return found
}

/** Whether a transaction of block `height` created the contract at `address`. */
async function createdIn(provider: Provider, address: string, height: number): Promise<boolean> {
  const block = await provider.getBlock(height)
  for (const txHash of block?.transactions ?? []) {
    const receipt = await provider.getTransactionReceipt(txHash)
    if (receipt?.contractAddress?.toLowerCase() === address.toLowerCase()) return true
  }
  return false
}

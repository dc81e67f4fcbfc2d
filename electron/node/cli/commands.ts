import { JsonRpcProvider, Network, Wallet } from 'ethers'
import { createDispatcher } from '../api/dispatch.ts'
import { ApiError } from '../api/client.ts'
import { probeChainId } from '../chain/external-chain.ts'
import { deployRegistry } from '../chain/registry-artifact.ts'
import { InvalidInputError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { HospitalNode } from '../node.ts'
import { dataPaths } from '../paths.ts'
import { createJsonSettingsStore } from '../settings/store.ts'
import type { NodeStatus } from '../status.ts'

export interface CommandContext {
  dataDir: string
  options: { rpc?: string; json?: boolean }
  log: Logger
  /** Prints `human` text, or `json` when --json was given. */
  print(human: string, json: unknown): void
}

/** Runs one api method on a node started for the duration of the command. */
async function withNode<T>(context: CommandContext, method: string, input?: unknown): Promise<T> {
  const node = await HospitalNode.start({
    dataDir: context.dataDir,
    settings: createJsonSettingsStore(dataPaths(context.dataDir).settings),
    log: context.log,
  })
  try {
    const envelope = await createDispatcher(node)(method, input)
    if (!envelope.ok) throw new ApiError(envelope.error)
    return envelope.value as T
  } finally {
    await node.stop()
  }
}

export const commands = {
  async status(context: CommandContext) {
    const status = await withNode<NodeStatus>(context, 'node.status')
    context.print(formatStatus(status), status)
  },

  async deploy(context: CommandContext) {
    const rpcUrl = context.options.rpc
    if (!rpcUrl) throw new InvalidInputError('deploy needs --rpc URL')
    const key = process.env.EMR_DEPLOYER_KEY
    if (!key)
      throw new InvalidInputError('Set EMR_DEPLOYER_KEY to the private key of a funded account')
    const chainId = await probeChainId(rpcUrl)
    const network = Network.from(chainId)
    const provider = new JsonRpcProvider(rpcUrl, network, { staticNetwork: network })
    try {
      const deployer = new Wallet(key, provider)
      const deployed = await deployRegistry(deployer, deployer.address)
      const result = {
        chainId,
        ...deployed,
        governor: deployer.address,
        gasUsed: deployed.gasUsed.toString(),
      }
      context.print(
        `Registry deployed at ${result.address}\n  chain id   ${chainId}\n  block      ${result.blockNumber}\n  gas used   ${result.gasUsed}\n  governor   ${result.governor}\n`,
        result,
      )
    } finally {
      provider.destroy()
    }
  },
}

function formatStatus(status: NodeStatus): string {
  const rows: [string, string | number][] = [
    ['data folder', status.dataDir],
    ['chain', `${status.chain.mode}${status.chain.rpcUrl ? ` (${status.chain.rpcUrl})` : ''}`],
    ['chain id', status.chain.chainId],
    ['block height', status.chain.blockHeight],
    ['contract', status.chain.contractAddress],
    ['peer id', status.ipfs.peerId],
    ['listening on', status.ipfs.listenAddresses.join('\n' + ' '.repeat(16)) || '-'],
    ['peers', status.ipfs.connectedPeers.length],
    ['repository', `${status.ipfs.repoSizeBytes} bytes`],
    ['database', `${status.database.path} (schema v${status.database.schemaVersion})`],
    ['indexed events', status.database.indexedEvents],
  ]
  return rows.map(([label, value]) => `${label.padEnd(16)}${value}\n`).join('')
}

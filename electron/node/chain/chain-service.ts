import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  BrowserProvider,
  Contract,
  ContractFactory,
  HDNodeWallet,
  Interface,
  Network,
  type AbstractProvider,
  type Signer,
} from 'ethers'
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../data-folder.ts'
import { ContractNotFoundError } from '../errors.ts'
import type { Database } from '../db/database.ts'
import type { Logger } from '../log.ts'
import type { Settings } from '../settings/schema.ts'
import { ChainHealth } from './chain-health.ts'
import { clientVersion, confirmationsFor } from './confirmations.ts'
import { externalDeploymentBlock } from './deployment-block.ts'
import { EMBEDDED_CHAIN_ID, startEmbeddedChain } from './embedded-chain.ts'
import { connectExternalChain } from './external-chain.ts'
import { EventIndexer, joinedAnotherNetwork, networkSource } from './indexer.ts'
import { TxOutbox } from './outbox.ts'
import { registryAbi, registryBytecode } from './registry-artifact.ts'
import { readRpcToken, rpcTokenPath } from './rpc-token.ts'

/**
 * Provider options for every chain: poll for blocks each second, and never cache reads (ethers
 * caches identical calls for 250 ms by default, which would hand out the same nonce twice).
 */
const providerOptions = { pollingInterval: 1_000, cacheTimeout: -1 }

/** Where the registry of a chain lives, remembered beside the embedded chain's database. */
export interface Deployment {
  chainId: number
  contractAddress: string
  blockNumber: number
  txHash: string | null
  gasUsed: string | null
}

export interface ChainService {
  mode: 'embedded' | 'external'
  /** The chain's JSON-RPC URL: the external endpoint, or the one other nodes join this one by. */
  rpcUrl: string | null
  /** Where this node's gateway serves its embedded chain; null when it does not. */
  gateway: { host: string; port: number } | null
  chainId: number
  /** Blocks on top of a block before it is indexed and a write in it counts as done. */
  confirmations: number
  provider: AbstractProvider
  /** Whether the chain answers; an embedded chain, in process, always does. */
  health: ChainHealth
  deployment: Deployment
  registry: Contract
  outbox: TxOutbox
  indexer: EventIndexer
  /** The embedded chain's pre-funded account; null on an external chain. */
  faucet: Signer | null
  stop(): Promise<void>
}

export interface ChainOptions {
  /** Folder of the embedded chain, and of the consortium token in either mode. */
  dir: string
  settings: Settings['chain']
  db: Database
  log: Logger
}

export const registryInterface = new Interface(registryAbi)

/** Connects to the configured chain and makes sure the registry contract is there. */
export async function startChain(options: ChainOptions): Promise<ChainService> {
  const { settings, db, log } = options
  if (settings.mode === 'external') {
    const health = new ChainHealth()
    const { chainId, provider } = await connectExternalChain(settings.rpcUrl, {
      token: await readRpcToken(rpcTokenPath(options.dir)),
      provider: providerOptions,
      health,
    })
    await checkContractCode(provider, settings.contractAddress)
    const deployment: Deployment = {
      chainId,
      contractAddress: settings.contractAddress,
      blockNumber: await externalDeploymentBlock({
        configured: settings.deploymentBlock,
        db,
        provider,
        chainId,
        address: settings.contractAddress,
        log,
      }),
      txHash: null,
      gasUsed: null,
    }
    const confirmations = confirmationsFor(settings, await clientVersion(provider))
    const outbox = new TxOutbox(db, provider, registryInterface, log, confirmations)
    await outbox.reconcile({
      joinedAnotherNetwork: joinedAnotherNetwork(
        db,
        networkSource(chainId, settings.contractAddress),
      ),
    })
    return assemble({
      mode: 'external',
      confirmations,
      rpcUrl: settings.rpcUrl,
      gateway: null,
      provider,
      health,
      deployment,
      faucet: null,
      db,
      log,
      outbox,
      stop: async () => provider.destroy(),
    })
  }

  const chain = await startEmbeddedChain({
    dir: options.dir,
    serve:
      settings.rpcPort === 0
        ? null
        : { host: settings.rpcHost, port: settings.rpcPort, publicUrl: settings.rpcPublicUrl },
    log,
  })
  const network = Network.from(EMBEDDED_CHAIN_ID)
  const provider = new BrowserProvider(chain.provider, network, {
    ...providerOptions,
    staticNetwork: network,
  })
  const faucet = HDNodeWallet.fromPhrase(chain.faucetMnemonic).connect(provider)
  const confirmations = confirmationsFor(settings, null)
  const outbox = new TxOutbox(db, provider, registryInterface, log, confirmations)
  await outbox.reconcile()
  const deployment = await loadOrDeployRegistry(
    join(options.dir, 'deployment.json'),
    outbox,
    faucet,
  )
  await checkContractCode(provider, deployment.contractAddress)
  return assemble({
    mode: 'embedded',
    confirmations,
    rpcUrl: chain.rpcUrl,
    gateway: chain.gateway,
    provider,
    health: new ChainHealth(),
    deployment,
    faucet,
    db,
    log,
    outbox,
    stop: async () => {
      provider.destroy()
      await chain.stop()
    },
  })
}

function assemble(parts: {
  mode: ChainService['mode']
  confirmations: number
  rpcUrl: string | null
  gateway: ChainService['gateway']
  provider: AbstractProvider
  health: ChainHealth
  deployment: Deployment
  faucet: Signer | null
  db: Database
  log: Logger
  outbox: TxOutbox
  stop: () => Promise<void>
}): ChainService {
  const { provider, deployment, db, log } = parts
  return {
    mode: parts.mode,
    rpcUrl: parts.rpcUrl,
    gateway: parts.gateway,
    chainId: deployment.chainId,
    confirmations: parts.confirmations,
    provider,
    health: parts.health,
    deployment,
    registry: new Contract(deployment.contractAddress, registryInterface, provider),
    outbox: parts.outbox,
    indexer: new EventIndexer({
      db,
      provider,
      iface: registryInterface,
      address: deployment.contractAddress,
      chainId: deployment.chainId,
      fromBlock: deployment.blockNumber,
      confirmations: parts.confirmations,
      log: log.child('indexer'),
    }),
    faucet: parts.faucet,
    stop: parts.stop,
  }
}

/** A contract address with no code is a wrong setting, not an empty registry. */
async function checkContractCode(provider: AbstractProvider, address: string): Promise<void> {
  if ((await provider.getCode(address)) === '0x') {
    throw new ContractNotFoundError(`No contract code at ${address} on the configured chain`)
  }
}

/**
 * First start deploys the registry through the outbox; a crash between broadcast and saving the
 * address is resumed from the outbox instead of deploying twice.
 */
async function loadOrDeployRegistry(
  path: string,
  outbox: TxOutbox,
  deployer: Signer,
): Promise<Deployment> {
  if (existsSync(path)) return JSON.parse(await readFile(path, 'utf8')) as Deployment
  const intent = `deploy-registry:${EMBEDDED_CHAIN_ID}`
  const previous = outbox.findByIntent(intent)
  const resumable = previous && previous.status !== 'reverted' && previous.status !== 'dropped'
  const sent = resumable
    ? await outbox.waitFor(previous.txHash)
    : await outbox.send(
        intent,
        deployer,
        await new ContractFactory(registryAbi, registryBytecode).getDeployTransaction(
          await deployer.getAddress(),
        ),
      )
  const deployment: Deployment = {
    chainId: EMBEDDED_CHAIN_ID,
    contractAddress: sent.contractAddress!,
    blockNumber: sent.blockNumber,
    txHash: sent.txHash,
    gasUsed: sent.gasUsed.toString(),
  }
  await mkdir(join(path, '..'), { recursive: true, mode: PRIVATE_FOLDER_MODE })
  await writeFile(path, `${JSON.stringify(deployment, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
  return deployment
}

import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Mnemonic, randomBytes, type Eip1193Provider } from 'ethers'
import { PRIVATE_FOLDER_MODE } from '../data-folder.ts'
import type { Logger } from '../log.ts'
import { servedRpcUrl } from './rpc-address.ts'
import { startRpcGateway, type RpcBackend } from './rpc-gateway.ts'
import { loadOrCreateRpcToken, rpcTokenPath } from './rpc-token.ts'

/** Chain id of every embedded chain; consortium chains bring their own. */
export const EMBEDDED_CHAIN_ID = 1337

export interface EmbeddedChain {
  provider: Eip1193Provider
  /** Seed of the chain's pre-funded accounts; the node pays gas from account 0. */
  faucetMnemonic: string
  /** The URL other nodes join through, when the chain is served. */
  rpcUrl: string | null
  /** Where the gateway listens, when the chain is served. */
  gateway: { host: string; port: number } | null
  stop(): Promise<void>
}

export interface EmbeddedChainOptions {
  /** Folder of the chain database, its faucet seed and the consortium token. */
  dir: string
  /** Serve the chain to other nodes through the gateway; null keeps it in this process. */
  serve: { host: string; port: number; publicUrl?: string } | null
  log: Logger
}

/**
 * Starts Ganache in this process, persisted under `dir`. It is only ever a provider: other
 * nodes reach it through the token-protected gateway, never through Ganache's own server.
 */
export async function startEmbeddedChain(options: EmbeddedChainOptions): Promise<EmbeddedChain> {
  await mkdir(join(options.dir, 'db'), { recursive: true, mode: PRIVATE_FOLDER_MODE })
  const faucetMnemonic = await loadOrCreateFaucetMnemonic(join(options.dir, 'faucet.json'))
  // Read before Ganache opens its database, so a damaged token file stops nothing half-started.
  const token = options.serve ? await loadOrCreateRpcToken(rpcTokenPath(options.dir)) : null
  const ganache = await importGanache()
  const provider = ganache.provider({
    chain: { chainId: EMBEDDED_CHAIN_ID, hardfork: 'shanghai' as const },
    database: { dbPath: join(options.dir, 'db') },
    wallet: { mnemonic: faucetMnemonic, totalAccounts: 1, defaultBalance: 1_000_000 },
    logging: { quiet: true },
  })
  // Ganache opens its database in the background; once it answers, a stop is always clean.
  await provider.request({ method: 'eth_blockNumber', params: [] })
  const chain = { provider: provider as unknown as Eip1193Provider, faucetMnemonic }
  if (!options.serve || !token) {
    return { ...chain, rpcUrl: null, gateway: null, stop: () => provider.disconnect() }
  }

  const gateway = await startRpcGateway({
    backend: provider as unknown as RpcBackend,
    host: options.serve.host,
    port: options.serve.port,
    token,
    log: options.log,
  }).catch(async (error: unknown) => {
    await provider.disconnect()
    throw error
  })
  return {
    ...chain,
    rpcUrl: servedRpcUrl({ ...options.serve, port: gateway.port }),
    gateway: { host: gateway.host, port: gateway.port },
    stop: async () => {
      await gateway.close()
      await provider.disconnect()
    },
  }
}

async function loadOrCreateFaucetMnemonic(path: string): Promise<string> {
  if (existsSync(path)) {
    const { mnemonic } = JSON.parse(await readFile(path, 'utf8')) as { mnemonic: string }
    return mnemonic
  }
  const mnemonic = Mnemonic.fromEntropy(randomBytes(16)).phrase
  await writeFile(path, JSON.stringify({ mnemonic }), { mode: 0o600, flag: 'wx' })
  return mnemonic
}

/**
 * Ganache is loaded lazily (external-chain nodes never pay for it). On load it prints a warning
 * that its optional native websocket build does not match this Node and that it falls back to
 * plain JS; the fallback is what we want, so that one message is kept out of the logs.
 */
async function importGanache() {
  const consoleWarn = console.warn
  console.warn = (...args: unknown[]) => {
    if (!/µWS|Falling back to a NodeJS implementation/.test(args.map(String).join(' '))) {
      consoleWarn(...args)
    }
  }
  try {
    return (await import('ganache')).default
  } finally {
    console.warn = consoleWarn
  }
}

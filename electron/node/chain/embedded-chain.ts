import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Mnemonic, randomBytes, type Eip1193Provider } from 'ethers'
import { PRIVATE_FOLDER_MODE } from '../data-folder.ts'
import type { Logger } from '../log.ts'

/** Chain id of every embedded chain; consortium chains bring their own. */
export const EMBEDDED_CHAIN_ID = 1337

export interface EmbeddedChain {
  provider: Eip1193Provider
  /** Seed of the chain's pre-funded accounts; the node pays gas from account 0. */
  faucetMnemonic: string
  /** The JSON-RPC URL other nodes can join, when the chain is served. */
  rpcUrl: string | null
  stop(): Promise<void>
}

export interface EmbeddedChainOptions {
  /** Folder of the chain database and its faucet seed. */
  dir: string
  /** Serve the chain over JSON-RPC on this port (0 = in-process only). */
  rpcPort: number
  log: Logger
}

/** Starts Ganache in this process, persisted under `dir`. */
export async function startEmbeddedChain(options: EmbeddedChainOptions): Promise<EmbeddedChain> {
  await mkdir(join(options.dir, 'db'), { recursive: true, mode: PRIVATE_FOLDER_MODE })
  const faucetMnemonic = await loadOrCreateFaucetMnemonic(join(options.dir, 'faucet.json'))
  const ganache = await importGanache()
  const ganacheOptions = {
    chain: { chainId: EMBEDDED_CHAIN_ID, hardfork: 'shanghai' as const },
    database: { dbPath: join(options.dir, 'db') },
    wallet: { mnemonic: faucetMnemonic, totalAccounts: 1, defaultBalance: 1_000_000 },
    logging: { quiet: true },
  }

  if (options.rpcPort === 0) {
    const provider = ganache.provider(ganacheOptions)
    return {
      provider: provider as unknown as Eip1193Provider,
      faucetMnemonic,
      rpcUrl: null,
      stop: () => provider.disconnect(),
    }
  }

  const server = ganache.server(ganacheOptions)
  await server.listen(options.rpcPort, '0.0.0.0')
  options.log.warn('embedded chain served over JSON-RPC', { port: options.rpcPort })
  return {
    provider: server.provider as unknown as Eip1193Provider,
    faucetMnemonic,
    rpcUrl: `http://127.0.0.1:${options.rpcPort}`,
    stop: () => server.close(),
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

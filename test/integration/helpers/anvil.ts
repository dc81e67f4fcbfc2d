/**
 * Anvil (Foundry's EVM node) on loopback, from the binary its npm package ships for this
 * platform (@foundry-rs/anvil-<os>-<arch>): a second, independent EVM beside Ganache, reached
 * over plain JSON-RPC like any external chain.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { after } from 'node:test'
import { freePort } from '../../helpers/net.ts'

/** The mnemonic of Anvil's ten pre-funded development accounts (its default). */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk'

/** The Anvil binary inside the platform package npm installed, or undefined where none is. */
export function anvilBinary(): string | undefined {
  const os = process.platform === 'win32' ? 'win32' : process.platform
  const arch = process.arch === 'x64' ? 'amd64' : process.arch
  try {
    const manifest = createRequire(import.meta.url).resolve(
      `@foundry-rs/anvil-${os}-${arch}/package.json`,
    )
    const binary = join(dirname(manifest), 'bin', os === 'win32' ? 'anvil.exe' : 'anvil')
    return existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}

/** Starts Anvil on 127.0.0.1 and a free port; it is killed after the test file. */
export async function startAnvil(): Promise<{ rpcUrl: string; stop: () => Promise<void> }> {
  const binary = anvilBinary()
  if (!binary) throw new Error('No Anvil binary: npm install @foundry-rs/anvil')
  const port = await freePort()
  const child = spawn(binary, ['--host', '127.0.0.1', '--port', String(port), '--silent'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  }
  after(stop)
  const rpcUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Anvil exited: ${stderr}`)
    const answer = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    }).catch(() => null)
    if (answer?.ok) return { rpcUrl, stop }
    if (Date.now() > deadline) throw new Error(`Anvil did not answer on ${rpcUrl}: ${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

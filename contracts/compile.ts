/**
 * Compiles the registry with solc-js into `contracts/artifacts/EMRRegistry.json`. The artifact
 * carries a hash of the sources, the compiler release and this script, so a run with nothing
 * changed returns at once without loading the compiler.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const CONTRACT_NAME = 'EMRRegistry'

const SETTINGS = {
  evmVersion: 'shanghai',
  // The IR pipeline costs 300-1,000 less gas per hot call than the legacy one (gas.test.ts).
  viaIR: true,
  optimizer: { enabled: true, runs: 200 },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
}

export interface Artifact {
  contractName: string
  abi: unknown[]
  bytecode: string
  compiler: {
    version: string
    evmVersion: string
    optimizer: { enabled: boolean; runs: number }
    viaIR: boolean
  }
  sourceHash: string
}

interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[]
  contracts?: Record<
    string,
    Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>
  >
}

export class CompilationError extends Error {
  override name = 'CompilationError'
}

/**
 * Compiles every `.sol` file of `dir` into `dir/artifacts/EMRRegistry.json`, unless that artifact
 * already matches them. Throws a CompilationError listing the compiler's errors.
 */
export async function compileContracts(
  dir: string = import.meta.dirname,
): Promise<{ path: string; compiled: boolean }> {
  const path = join(dir, 'artifacts', `${CONTRACT_NAME}.json`)
  const sources = await readSources(dir)
  const sourceHash = await hashInputs(sources)
  if (await isUpToDate(path, sourceHash)) return { path, compiled: false }

  const { default: solc } = await import('solc')
  const input = { language: 'Solidity', sources, settings: SETTINGS }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput
  const problems = output.errors ?? []
  for (const warning of problems.filter((problem) => problem.severity !== 'error')) {
    console.warn(warning.formattedMessage)
  }
  const errors = problems.filter((problem) => problem.severity === 'error')
  if (errors.length > 0) {
    throw new CompilationError(errors.map((error) => error.formattedMessage).join('\n'))
  }
  const contract = output.contracts?.[`${CONTRACT_NAME}.sol`]?.[CONTRACT_NAME]
  if (!contract) throw new CompilationError(`${CONTRACT_NAME} is missing from the compiler output`)

  const artifact: Artifact = {
    contractName: CONTRACT_NAME,
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    compiler: {
      version: solc.version(),
      evmVersion: SETTINGS.evmVersion,
      optimizer: SETTINGS.optimizer,
      viaIR: SETTINGS.viaIR,
    },
    sourceHash,
  }
  await mkdir(join(dir, 'artifacts'), { recursive: true })
  await writeFile(path, `${JSON.stringify(artifact, null, 2)}\n`)
  return { path, compiled: true }
}

/** The standard-JSON `sources` of a folder: its `.sol` files, keyed by file name. */
async function readSources(dir: string): Promise<Record<string, { content: string }>> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sol')).sort()
  const entries = await Promise.all(
    files.map(
      async (file) => [file, { content: await readFile(join(dir, file), 'utf8') }] as const,
    ),
  )
  return Object.fromEntries(entries)
}

/** Hashes what the artifact depends on, without loading the (slow to start) compiler. */
async function hashInputs(sources: Record<string, { content: string }>): Promise<string> {
  const solcPackage = createRequire(import.meta.url).resolve('solc/package.json')
  const { version: compilerVersion } = JSON.parse(await readFile(solcPackage, 'utf8')) as {
    version: string
  }
  const script = await readFile(import.meta.filename, 'utf8')
  const hash = createHash('sha256')
  hash.update(JSON.stringify({ compilerVersion, script, sources }))
  return `0x${hash.digest('hex')}`
}

async function isUpToDate(path: string, sourceHash: string): Promise<boolean> {
  if (!existsSync(path)) return false
  const artifact = JSON.parse(await readFile(path, 'utf8')) as Partial<Artifact>
  return artifact.sourceHash === sourceHash
}

if (import.meta.main) {
  try {
    const { path, compiled } = await compileContracts()
    console.log(compiled ? `compiled ${path}` : `up to date: ${path}`)
  } catch (error) {
    console.error(error instanceof CompilationError ? error.message : error)
    process.exitCode = 1
  }
}

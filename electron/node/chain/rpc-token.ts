/**
 * The consortium token: the bearer secret of a chain served by a hosting node. The hosting node
 * generates it and checks it; the nodes that join from its site configuration send it. Either
 * way it lives in one file of the data folder, `chain/rpc-token` (0600), never in the settings
 * the UI reads, and never in a log.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../data-folder.ts'
import { InvalidSettingsError } from '../errors.ts'
import { rpcTokenSchema } from './rpc-token-format.ts'

/** Where the token lives, inside the chain folder of a data folder. */
export function rpcTokenPath(chainDir: string): string {
  return join(chainDir, 'rpc-token')
}

function generateRpcToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The stored token, or null when this node has none (an external chain without one). */
export async function readRpcToken(path: string): Promise<string | null> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (text === null) return null
  const token = rpcTokenSchema.safeParse(text.trim())
  if (!token.success) throw new InvalidSettingsError(`${path} does not hold a consortium token`)
  return token.data
}

/** The hosting node's token, generated on its first start. */
export async function loadOrCreateRpcToken(path: string): Promise<string> {
  const existing = await readRpcToken(path)
  if (existing) return existing
  const token = generateRpcToken()
  await writeFile(path, token, { mode: PRIVATE_FILE_MODE, flag: 'wx' })
  return token
}

/**
 * Replaces the token with the one a site configuration brings (none: removed, so an old
 * network's token is never sent to a new chain). The previous one is kept beside it, as the
 * swarm key's is.
 */
export async function replaceRpcToken(path: string, token: string | undefined): Promise<void> {
  await rename(path, `${path}.previous`).catch(() => {})
  if (token === undefined) return
  // A node joining on its first start has no chain folder yet.
  await mkdir(dirname(path), { recursive: true, mode: PRIVATE_FOLDER_MODE })
  await writeFile(`${path}.tmp`, rpcTokenSchema.parse(token), { mode: PRIVATE_FILE_MODE })
  await rename(`${path}.tmp`, path)
}

/**
 * Compares a presented token with the expected one in constant time. Both are hashed first, so
 * the comparison takes the same time whatever the presented length.
 */
export function rpcTokenMatches(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(presented), digest(expected))
}

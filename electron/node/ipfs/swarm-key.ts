/**
 * The consortium's pre-shared swarm key, in the go-ipfs `swarm.key` file format:
 *
 *     /key/swarm/psk/1.0.0/
 *     /base16/
 *     <64 hex characters>
 *
 * Only nodes holding the same key can open a connection to each other (@libp2p/pnet).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { PRIVATE_FOLDER_MODE } from '../data-folder.ts'
import { InvalidSwarmKeyError } from '../errors.ts'

const HEADER = '/key/swarm/psk/1.0.0/'
const ENCODING = '/base16/'
const KEY_BYTES = 32
const HEX_KEY = /^[0-9a-f]+$/i

export interface LoadedSwarmKey {
  /** The key as @libp2p/pnet's `preSharedKey({ psk })` wants it. */
  key: Uint8Array
  /** True when the file did not exist and a new key was written. */
  created: boolean
}

function formatSwarmKey(hex: string): string {
  return `${HEADER}\n${ENCODING}\n${hex}\n`
}

/** Returns the text of a new random swarm key file. */
export function generateSwarmKey(): string {
  return formatSwarmKey(randomBytes(KEY_BYTES).toString('hex'))
}

/**
 * Validates a swarm key file and returns it in the canonical form @libp2p/pnet decodes. Messages
 * never quote the file, since a misplaced line could be the secret itself.
 */
export function parseSwarmKey(text: string): Uint8Array {
  // Tolerates what editors do to a file (a BOM, CRLF, a final newline), nothing else.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  if (lines.at(-1) === '') lines.pop()
  const [header, encoding, hex, ...rest] = lines
  if (header !== HEADER) {
    throw new InvalidSwarmKeyError(`The swarm key's first line must be ${HEADER}`)
  }
  if (encoding !== ENCODING) {
    throw new InvalidSwarmKeyError(`The swarm key's second line must be ${ENCODING}`)
  }
  if (hex === undefined || hex.length !== KEY_BYTES * 2) {
    throw new InvalidSwarmKeyError(
      `The swarm key must be ${KEY_BYTES * 2} hex characters long, found ${hex?.length ?? 0}`,
    )
  }
  if (!HEX_KEY.test(hex)) {
    throw new InvalidSwarmKeyError('The swarm key contains characters that are not hexadecimal')
  }
  if (rest.length > 0) {
    throw new InvalidSwarmKeyError('The swarm key file has extra content after the key')
  }
  return new TextEncoder().encode(formatSwarmKey(hex.toLowerCase()))
}

/**
 * Reads the swarm key file at `file`, or creates it (mode 0o600) with a new key when it is
 * missing. An existing file is never overwritten: a corrupt one throws InvalidSwarmKeyError.
 */
export async function loadOrCreateSwarmKey(file: string): Promise<LoadedSwarmKey> {
  let text = await readIfExists(file)
  if (text === undefined) {
    const fresh = generateSwarmKey()
    if (await createExclusively(file, fresh)) return { key: parseSwarmKey(fresh), created: true }
    text = await fs.readFile(file, 'utf8')
  }
  try {
    return { key: parseSwarmKey(text), created: false }
  } catch (error) {
    if (!(error instanceof InvalidSwarmKeyError)) throw error
    throw new InvalidSwarmKeyError(`${file}: ${error.message}`, { cause: error })
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/**
 * Writes `text` to `file` only if no file exists there, returning whether it did. The content is
 * written to a temporary file first and hard-linked into place, so a crash never leaves a
 * truncated key behind and a concurrent writer never gets overwritten.
 */
async function createExclusively(file: string, text: string): Promise<boolean> {
  const dir = path.dirname(file)
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE })
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  await fs.writeFile(temp, text, { mode: 0o600, flag: 'wx' })
  try {
    await fs.link(temp, file)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    await fs.rm(temp, { force: true })
  }
}

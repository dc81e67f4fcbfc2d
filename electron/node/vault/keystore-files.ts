/**
 * The keystore folder of a workstation:
 *
 *     <dir>/<lowercase address>.json   one Web3 Secret Storage v3 keystore per account (0o600)
 *     <dir>/accounts.json              label, role hint, creation time of each account (0o600)
 *
 * The folder is 0o700. Every file is written to a temporary file, synced and renamed into place,
 * so a crash leaves either the old or the new content, never half of it. `accounts.json` holds no
 * secrets (the encryption public key is public by design); an account is listed once its entry is there, and its keystore file is always written
 * first, so a listed account always has its key. Not safe for concurrent writers: the Vault
 * serializes its writes.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { AccountNotFoundError, InvalidKeystoreError } from '../errors.ts'

export const ROLE_HINTS = ['staff', 'patient', 'governor', 'admin'] as const
/** What the account is meant for, to pre-select screens; the chain decides what it may do. */
export type RoleHint = (typeof ROLE_HINTS)[number]

/** What the workstation knows about an account without unlocking it. */
export interface AccountInfo {
  /** Lowercase 0x address. */
  address: string
  label: string
  role: RoleHint
  /** ISO 8601 time the account was created or imported here. */
  createdAt: string
  /** Whether the keystore also holds the encrypted recovery phrase. */
  hasMnemonic: boolean
  /** 0x + 33-byte compressed key that record keys are wrapped to; public, so kept in clear. */
  encryptionPublicKey: string
}

/** The key-derivation function of a keystore, as far as the vault needs to judge its cost. */
export type KeystoreKdf =
  { name: 'scrypt'; N: number; r: number; p: number } | { name: 'pbkdf2'; c: number }

const METADATA_FILE = 'accounts.json'
const ADDRESS = /^0x[0-9a-f]{40}$/
const MAX_KEYSTORE_BYTES = 64 * 1024
// Bounds on what an imported keystore may make us compute: geth's "standard" scrypt (N 2^18,
// r 8: 256 MiB) is the most a real wallet uses; more would only be a way to freeze the node.
const MAX_SCRYPT_MEMORY = 128 * 2 ** 18 * 8
const MAX_SCRYPT_WORK = 2 ** 18 * 8 * 4
const MAX_PBKDF2_ROUNDS = 10_000_000

const metadataSchema = z.object({
  version: z.literal(1),
  accounts: z.array(
    z.object({
      address: z.string().regex(ADDRESS),
      label: z.string(),
      role: z.enum(ROLE_HINTS),
      createdAt: z.iso.datetime(),
      hasMnemonic: z.boolean(),
      encryptionPublicKey: z.string().regex(/^0x0[23][0-9a-f]{64}$/),
    }),
  ),
})

/** Returns the lowercase form of an address, or throws AccountNotFoundError for anything else. */
export function normalizeAddress(address: string): string {
  const lower = address.toLowerCase()
  // Also what keeps a caller-supplied address from naming a file outside the folder.
  if (!ADDRESS.test(lower)) throw new AccountNotFoundError('Not an account address')
  return lower
}

/**
 * Checks that `json` is a Web3 Secret Storage v3 keystore with a cost we are willing to compute,
 * and returns its key-derivation parameters. Messages never quote the file.
 */
export function readKeystoreKdf(json: string): KeystoreKdf {
  if (Buffer.byteLength(json) > MAX_KEYSTORE_BYTES) {
    throw new InvalidKeystoreError('The key file is too large to be a keystore')
  }
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    throw new InvalidKeystoreError('The key file is not JSON')
  }
  if (Number(field(data, 'version')) !== 3) {
    throw new InvalidKeystoreError('The key file is not a version 3 keystore')
  }
  const crypto = field(data, 'crypto')
  if (field(crypto, 'cipher') !== 'aes-128-ctr') {
    throw new InvalidKeystoreError('The keystore uses an unsupported cipher')
  }
  const kdf = String(field(crypto, 'kdf')).toLowerCase()
  const params = field(crypto, 'kdfparams')
  if (kdf === 'scrypt') {
    const [N, r, p] = ['n', 'r', 'p'].map((name) => Number(field(params, name))) as [
      number,
      number,
      number,
    ]
    if (![N, r, p].every((v) => Number.isSafeInteger(v) && v > 0)) {
      throw new InvalidKeystoreError('The keystore has invalid scrypt parameters')
    }
    if (128 * N * r > MAX_SCRYPT_MEMORY || N * r * p > MAX_SCRYPT_WORK) {
      throw new InvalidKeystoreError('The keystore asks for more scrypt work than is allowed')
    }
    return { name: 'scrypt', N, r, p }
  }
  if (kdf === 'pbkdf2') {
    const c = Number(field(params, 'c'))
    if (!Number.isSafeInteger(c) || c <= 0 || c > MAX_PBKDF2_ROUNDS) {
      throw new InvalidKeystoreError('The keystore has invalid pbkdf2 parameters')
    }
    return { name: 'pbkdf2', c }
  }
  throw new InvalidKeystoreError('The keystore uses an unsupported key-derivation function')
}

/** A property looked up case-insensitively, as ethers does ("Crypto" in older geth files). */
function field(object: unknown, name: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined
  const key = Object.keys(object).find((k) => k.toLowerCase() === name)
  return key === undefined ? undefined : (object as Record<string, unknown>)[key]
}

/** The keystore folder: keystore files and the account list, cached after the first read. */
export class KeystoreFiles {
  readonly dir: string
  #accounts: Map<string, AccountInfo> | undefined

  constructor(dir: string) {
    this.dir = dir
  }

  /** The accounts, oldest first. */
  list(): AccountInfo[] {
    return [...this.#load().values()]
  }

  /** The account with this (lowercase) address, if any. */
  get(address: string): AccountInfo | undefined {
    return this.#load().get(address)
  }

  /** The keystore JSON of an account, exactly as stored. */
  async readKeystore(address: string): Promise<string> {
    if (!this.get(address)) throw new AccountNotFoundError()
    try {
      return await fs.readFile(this.#keystorePath(address), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      throw new InvalidKeystoreError('The key file of this account is missing')
    }
  }

  /** Stores a new account: its keystore first, then its entry in the list. */
  async add(info: AccountInfo, keystoreJson: string): Promise<void> {
    await this.#ensureFolder()
    await writeAtomically(this.#keystorePath(info.address), keystoreJson)
    const accounts = new Map(this.#load()).set(info.address, info)
    await this.#saveMetadata(accounts)
  }

  /** Replaces the keystore of a listed account (after a passphrase change). */
  async replaceKeystore(address: string, keystoreJson: string): Promise<void> {
    if (!this.get(address)) throw new AccountNotFoundError()
    await writeAtomically(this.#keystorePath(address), keystoreJson)
  }

  #keystorePath(address: string): string {
    return path.join(this.dir, `${normalizeAddress(address)}.json`)
  }

  #load(): Map<string, AccountInfo> {
    if (this.#accounts) return this.#accounts
    const file = path.join(this.dir, METADATA_FILE)
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      text = '{"version":1,"accounts":[]}'
    }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch {
      raw = undefined
    }
    const parsed = metadataSchema.safeParse(raw)
    // Reported, never replaced: rewriting it would make every account on this workstation vanish.
    if (!parsed.success) throw new InvalidKeystoreError(`The account list ${file} is malformed`)
    this.#accounts = new Map(parsed.data.accounts.map((a) => [a.address, a]))
    return this.#accounts
  }

  async #saveMetadata(accounts: Map<string, AccountInfo>): Promise<void> {
    const text = `${JSON.stringify({ version: 1, accounts: [...accounts.values()] }, null, 2)}\n`
    await writeAtomically(path.join(this.dir, METADATA_FILE), text)
    this.#accounts = accounts
  }

  async #ensureFolder(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 })
    // An existing folder may have been created wider (by hand, or by an older version).
    await fs.chmod(this.dir, 0o700)
  }
}

/** Writes `text` to `file` (mode 0o600) through a synced temporary file and a rename. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const dir = path.dirname(file)
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  const handle = await fs.open(temp, 'wx', 0o600)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await fs.rename(temp, file)
  } catch (error) {
    await fs.rm(temp, { force: true })
    throw error
  }
  await syncFolder(dir)
}

/** Makes the rename itself durable; Windows cannot open a folder for syncing, nor needs to. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await fs.open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

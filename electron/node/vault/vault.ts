/**
 * The accounts of the people at this workstation, and who of them is signed in.
 *
 * Keys rest only in scrypt-encrypted keystores; a passphrase opens one account at a time, for a
 * session that ends on `lock()` or after `idleLockMs` without `touch()`.
 *
 * Idle time is measured on the wall clock (`now`, Date.now by default), not a monotonic one:
 * monotonic clocks stop while a laptop sleeps, and a session must not survive a night in a bag.
 * A timer locks an idle session, and every access checks the deadline again, so a session whose
 * timer has not fired yet (suspend, a busy event loop) is still refused.
 *
 * Wrong passphrases are slowed down per account: after 3 in a row each further attempt waits
 * 2 s, 4 s, 8 s … up to 5 min. The count lives in memory only. It guards the one thing only
 * the running app can offer, guessing through the sign-in screen; whoever can restart the app
 * is a user of this computer who can also copy the keystore files and guess offline, where no
 * counter applies and only the scrypt cost and the passphrase length protect the key. Persisting
 * the count would add nothing against that person, and a write on every failure.
 *
 * A locked session's encryption key is zeroed; its signing key lives in an ethers Wallet (a JS
 * string, which cannot be wiped) until garbage collection.
 */
import { EventEmitter } from 'node:events'
import {
  decryptKeystoreJson,
  defaultPath,
  encryptKeystoreJson,
  HDNodeWallet,
  isError,
  Mnemonic,
  Wallet,
  type KeystoreAccount,
  type Provider,
} from 'ethers'
import {
  AccountExistsError,
  AccountNotFoundError,
  InvalidInputError,
  InvalidKeystoreError,
  InvalidMnemonicError,
  InvalidSettingsError,
  TooManyAttemptsError,
  VaultLockedError,
  WeakPassphraseError,
  WrongPassphraseError,
} from '../errors.ts'
import { silentLogger, type Logger } from '../log.ts'
import { deriveEncryptionKey, type EncryptionKey } from './encryption-key.ts'
import {
  KeystoreFiles,
  normalizeAddress,
  readKeystoreKdf,
  ROLE_HINTS,
  type AccountInfo,
  type RoleHint,
} from './keystore-files.ts'

export type { AccountInfo, RoleHint } from './keystore-files.ts'
export type { EncryptionKey } from './encryption-key.ts'

/** Shortest passphrase accepted for a new or changed keystore, in characters. */
export const MIN_PASSPHRASE_LENGTH = 10
const DEFAULT_SCRYPT_N = 2 ** 17
const DEFAULT_IDLE_LOCK_MS = 10 * 60 * 1000
const MAX_LABEL_LENGTH = 100
const FREE_ATTEMPTS = 3
const FIRST_DELAY_MS = 2000
const MAX_DELAY_MS = 5 * 60 * 1000
// setTimeout fires at once for longer delays; the timer re-arms until the deadline.
const MAX_TIMER_MS = 2 ** 31 - 1

export interface VaultOptions {
  /** The keystore folder, `<dataDir>/keystore`. Created (0o700) on the first write. */
  dir: string
  /** scrypt cost (a power of two, 2^10 to 2^20) of keystores written here. @default 2 ** 17 */
  scryptN?: number
  /** Idle time after which the session locks itself. @default 600_000 (10 minutes) */
  idleLockMs?: number
  /** The wall clock, in ms since the epoch. @default Date.now */
  now?: () => number
  /** @default silentLogger */
  log?: Logger
}

export type LockReason = 'idle' | 'manual'

export interface LockedEvent {
  address: string
  reason: LockReason
}

/** What the UI may know about the signed-in account. */
export interface SessionInfo {
  address: string
  label: string
  role: RoleHint
  /** When the session locks unless touched, in ms since the epoch. */
  expiresAt: number
}

/** The signed-in account. Its keys throw VaultLockedError once the session has ended. */
export interface Session extends SessionInfo {
  /** Signs transactions and EIP-712 messages locally. */
  readonly signer: Wallet
  /** Unwraps record keys wrapped to this account. */
  readonly encryptionKey: EncryptionKey
  /** The signer connected to a provider. */
  connect(provider: Provider): Wallet
}

export interface NewAccountInput {
  label: string
  passphrase: string
  role: RoleHint
}

export interface CreatedAccount {
  address: string
  /** The 12-word recovery phrase: shown once, for the user's paper backup. */
  mnemonic: string
}

/** An account generated for someone else (a patient), never stored on this workstation. */
export interface DetachedAccount {
  wallet: Wallet
  /** The keystore to hand over, encrypted with the given passphrase. */
  keystoreJson: string
  mnemonic: string
  encryptionPublicKey: string
}

/** A keystore opened for one action and not kept. */
export interface OpenedAccount {
  wallet: Wallet
  encryptionKey: EncryptionKey
}

interface ActiveSession {
  info: AccountInfo
  signer: Wallet
  encryptionKey: EncryptionKey
  lastActivity: number
  session: Session
}

type AccountMeta = Pick<AccountInfo, 'label' | 'role'>

interface Failures {
  count: number
  retryAt: number
}

/** The workstation's accounts and its one signed-in session; emits `locked` when it ends. */
export class Vault extends EventEmitter<{ locked: [LockedEvent] }> {
  readonly #files: KeystoreFiles
  readonly #scryptN: number
  readonly #now: () => number
  readonly #log: Logger
  #idleLockMs: number
  #active: ActiveSession | undefined
  #timer: NodeJS.Timeout | undefined
  readonly #failures = new Map<string, Failures>()
  // Passphrase attempts and writes run one at a time: parallel guesses cannot outrun the
  // back-off, and two imports of one account cannot both pass the duplicate check.
  #queue: Promise<unknown> = Promise.resolve()

  constructor(options: VaultOptions) {
    super()
    const scryptN = options.scryptN ?? DEFAULT_SCRYPT_N
    if (!Number.isInteger(Math.log2(scryptN)) || scryptN < 2 ** 10 || scryptN > 2 ** 20) {
      throw new InvalidSettingsError('scryptN must be a power of two from 2^10 to 2^20')
    }
    this.#files = new KeystoreFiles(options.dir)
    this.#scryptN = scryptN
    this.#now = options.now ?? Date.now
    this.#log = options.log ?? silentLogger
    this.#idleLockMs = checkIdleLockMs(options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS)
  }

  /** The accounts stored on this workstation, oldest first. */
  list(): AccountInfo[] {
    return this.#files.list()
  }

  /** Creates and stores a new random account; its recovery phrase is returned only here. */
  async create(input: NewAccountInput): Promise<CreatedAccount> {
    const meta = checkNewAccount(input)
    checkPassphrase(input.passphrase)
    const wallet = HDNodeWallet.createRandom()
    await this.#serially(async () => {
      const json = await this.#encrypt(walletAccount(wallet), input.passphrase)
      await this.#files.add(this.#info(wallet, meta, true), json)
    })
    this.#log.info('account created', { address: wallet.address.toLowerCase(), role: meta.role })
    return { address: wallet.address.toLowerCase(), mnemonic: phraseOf(wallet) }
  }

  /** Stores a keystore made elsewhere, as given, once its passphrase has opened it. */
  async importKeystore(input: NewAccountInput & { json: string }): Promise<AccountInfo> {
    const meta = checkNewAccount(input)
    const kdf = readKeystoreKdf(input.json)
    return this.#serially(async () => {
      // Not counted against the back-off: whoever holds the file can guess offline anyway.
      const account = await openKeystore(input.json, input.passphrase)
      const info = this.#info(account, meta, account.mnemonic !== undefined)
      if (this.#files.get(info.address)) throw new AccountExistsError()
      await this.#files.add(info, input.json)
      this.#log.info('account imported', {
        address: info.address,
        role: info.role,
        from: 'keystore',
      })
      if (kdf.name !== 'scrypt' || kdf.N < this.#scryptN) {
        this.#log.warn('imported keystore is cheaper to attack than this vault writes', {
          address: info.address,
          kdf,
        })
      }
      return info
    })
  }

  /** Restores an account from its recovery phrase (path m/44'/60'/0'/0/0). */
  async importMnemonic(input: NewAccountInput & { phrase: string }): Promise<AccountInfo> {
    const meta = checkNewAccount(input)
    const phrase = normalizePhrase(input.phrase)
    if (!Mnemonic.isValidMnemonic(phrase)) throw new InvalidMnemonicError()
    checkPassphrase(input.passphrase)
    const wallet = HDNodeWallet.fromPhrase(phrase, undefined, defaultPath)
    return this.#serially(async () => {
      const info = this.#info(wallet, meta, true)
      if (this.#files.get(info.address)) throw new AccountExistsError()
      await this.#files.add(info, await this.#encrypt(walletAccount(wallet), input.passphrase))
      this.#log.info('account imported', {
        address: info.address,
        role: info.role,
        from: 'mnemonic',
      })
      return info
    })
  }

  /** The account's keystore as stored: still encrypted, so no passphrase is asked. */
  async exportKeystore(address: string): Promise<string> {
    return this.#files.readKeystore(normalizeAddress(address))
  }

  /** Generates an account that is handed over and not kept here (a patient's, at the desk). */
  async createDetached(input: { passphrase: string }): Promise<DetachedAccount> {
    checkPassphrase(input.passphrase)
    const wallet = HDNodeWallet.createRandom()
    return {
      wallet: new Wallet(wallet.privateKey),
      keystoreJson: await this.#encrypt(walletAccount(wallet), input.passphrase),
      mnemonic: phraseOf(wallet),
      encryptionPublicKey: encryptionPublicKey(wallet.privateKey),
    }
  }

  /**
   * Opens a keystore that is not stored here (a patient's, shown at a workstation to consent) for
   * one action; nothing is kept. Whoever holds the file can guess offline, so no back-off.
   */
  async openDetached(json: string, passphrase: string): Promise<OpenedAccount> {
    readKeystoreKdf(json)
    const account = await openKeystore(json, passphrase)
    return {
      wallet: new Wallet(account.privateKey),
      encryptionKey: deriveEncryptionKey(account.privateKey),
    }
  }

  /** Signs an account in, ending the current session (if any) once the passphrase is right. */
  async unlock(address: string, passphrase: string): Promise<SessionInfo> {
    const lower = normalizeAddress(address)
    return this.#serially(async () => {
      const info = this.#files.get(lower)
      if (!info) throw new AccountNotFoundError()
      const account = await this.#attempt(lower, passphrase)
      if (this.#active) this.#end('manual')
      const state = {
        info,
        signer: new Wallet(account.privateKey),
        encryptionKey: deriveEncryptionKey(account.privateKey),
        lastActivity: this.#now(),
      }
      const active: ActiveSession = Object.assign(state, { session: this.#sessionView(state) })
      this.#active = active
      this.#armTimer()
      this.#log.info('signed in', { address: lower })
      return this.#sessionInfo(active)
    })
  }

  /** Signs the current account out. */
  lock(): void {
    if (this.#active) this.#end('manual')
  }

  /** The signed-in account, or null (nobody, or the session has expired). */
  session(): Session | null {
    return this.#live()?.session ?? null
  }

  /** The signed-in account; throws VaultLockedError when there is none. */
  requireSession(): Session {
    const session = this.session()
    if (!session) throw new VaultLockedError()
    return session
  }

  /** Records user activity: moves the idle deadline of a live session. */
  touch(): void {
    const active = this.#live()
    if (active) active.lastActivity = this.#now()
  }

  /** Re-encrypts an account's keystore under a new passphrase (and this vault's scrypt cost). */
  async changePassphrase(
    address: string,
    oldPassphrase: string,
    newPassphrase: string,
  ): Promise<void> {
    const lower = normalizeAddress(address)
    checkPassphrase(newPassphrase)
    await this.#serially(async () => {
      if (!this.#files.get(lower)) throw new AccountNotFoundError()
      // Counted like a sign-in, or it would be a way around the back-off.
      const account = await this.#attempt(lower, oldPassphrase)
      await this.#files.replaceKeystore(lower, await this.#encrypt(account, newPassphrase))
    })
    this.#log.info('passphrase changed', { address: lower })
  }

  /** Changes the idle time; a session idle for longer than that locks at once. */
  setIdleLockMs(ms: number): void {
    this.#idleLockMs = checkIdleLockMs(ms)
    if (this.#live()) this.#armTimer()
  }

  #serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task)
    this.#queue = run.catch(() => {})
    return run
  }

  /** One passphrase attempt on a stored account, under the back-off. */
  async #attempt(address: string, passphrase: string): Promise<KeystoreAccount> {
    const failures = this.#failures.get(address)
    const wait = failures ? failures.retryAt - this.#now() : 0
    if (wait > 0) {
      throw new TooManyAttemptsError(
        `Too many wrong passphrases for this account: try again in ${Math.ceil(wait / 1000)} s`,
      )
    }
    try {
      const account = await openKeystore(await this.#files.readKeystore(address), passphrase)
      this.#failures.delete(address)
      return account
    } catch (error) {
      if (error instanceof WrongPassphraseError) this.#recordFailure(address)
      throw error
    }
  }

  #recordFailure(address: string): void {
    const count = (this.#failures.get(address)?.count ?? 0) + 1
    const delay =
      count < FREE_ATTEMPTS
        ? 0
        : Math.min(FIRST_DELAY_MS * 2 ** (count - FREE_ATTEMPTS), MAX_DELAY_MS)
    this.#failures.set(address, { count, retryAt: this.#now() + delay })
    this.#log.warn('wrong passphrase', { address, failures: count, delayMs: delay })
  }

  #encrypt(account: KeystoreAccount, passphrase: string): Promise<string> {
    return encryptKeystoreJson(account, passphrase, { scrypt: { N: this.#scryptN } })
  }

  #info(
    account: Pick<KeystoreAccount, 'address' | 'privateKey'>,
    meta: AccountMeta,
    hasMnemonic: boolean,
  ): AccountInfo {
    return {
      address: account.address.toLowerCase(),
      label: meta.label,
      role: meta.role,
      createdAt: new Date(this.#now()).toISOString(),
      hasMnemonic,
      encryptionPublicKey: encryptionPublicKey(account.privateKey),
    }
  }

  /** The active session if it has not expired; ends it (reason 'idle') if it has. */
  #live(): ActiveSession | undefined {
    const active = this.#active
    if (active && this.#now() >= this.#deadline(active)) {
      this.#end('idle')
      return undefined
    }
    return active
  }

  #deadline(active: Omit<ActiveSession, 'session'>): number {
    return active.lastActivity + this.#idleLockMs
  }

  #sessionInfo(active: ActiveSession): SessionInfo {
    const { address, label, role } = active.info
    return { address, label, role, expiresAt: this.#deadline(active) }
  }

  /** The Session handed out: a view that checks, on every use, that it is still the live one. */
  #sessionView(state: Omit<ActiveSession, 'session'>): Session {
    const live = () => {
      const active = this.#live()
      if (!active || active !== state) throw new VaultLockedError()
      return active
    }
    const expiresAt = () => (this.#active === state ? this.#deadline(state) : 0)
    const { address, label, role } = state.info
    return {
      address,
      label,
      role,
      get expiresAt() {
        return expiresAt()
      },
      get signer() {
        return live().signer
      },
      get encryptionKey() {
        return live().encryptionKey
      },
      connect: (provider) => live().signer.connect(provider),
    }
  }

  #armTimer(): void {
    clearTimeout(this.#timer)
    const active = this.#active
    if (!active) return
    const delay = Math.min(Math.max(this.#deadline(active) - this.#now(), 0), MAX_TIMER_MS)
    this.#timer = setTimeout(() => {
      if (this.#live()) this.#armTimer()
    }, delay)
    this.#timer.unref()
  }

  #end(reason: LockReason): void {
    const active = this.#active
    if (!active) return
    this.#active = undefined
    clearTimeout(this.#timer)
    this.#timer = undefined
    active.encryptionKey.privateKey.fill(0)
    this.#log.info('signed out', { address: active.info.address, reason })
    this.emit('locked', { address: active.info.address, reason })
  }
}

/** The public half of an account's encryption key; the private half is wiped at once. */
function encryptionPublicKey(accountPrivateKey: string): string {
  const { privateKey, publicKey } = deriveEncryptionKey(accountPrivateKey)
  privateKey.fill(0)
  return publicKey
}

/** Refuses passphrases shorter than MIN_PASSPHRASE_LENGTH characters (code points). */
export function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new WeakPassphraseError(
      `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long`,
    )
  }
}

function checkNewAccount(input: AccountMeta): AccountMeta {
  const label = typeof input.label === 'string' ? input.label.trim() : ''
  if (label.length === 0 || label.length > MAX_LABEL_LENGTH) {
    throw new InvalidInputError(`The label must be 1 to ${MAX_LABEL_LENGTH} characters long`)
  }
  if (!ROLE_HINTS.includes(input.role)) {
    throw new InvalidInputError(`The role must be one of ${ROLE_HINTS.join(', ')}`)
  }
  return { label, role: input.role }
}

function checkIdleLockMs(ms: number): number {
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new InvalidInputError('The idle lock time must be a positive number of milliseconds')
  }
  return ms
}

/** Words separated by single spaces, lower case: how people type a phrase back from paper. */
function normalizePhrase(phrase: string): string {
  return phrase.normalize('NFKD').trim().toLowerCase().split(/\s+/).join(' ')
}

/** The keystore content of a wallet made from a phrase: its key and the phrase's entropy. */
function walletAccount(wallet: HDNodeWallet): KeystoreAccount {
  const { address, privateKey, path, mnemonic } = wallet
  return {
    address,
    privateKey,
    mnemonic: mnemonic
      ? { path: path ?? defaultPath, locale: 'en', entropy: mnemonic.entropy }
      : undefined,
  }
}

/** The recovery phrase of a wallet this module generated from one. */
function phraseOf(wallet: HDNodeWallet): string {
  if (!wallet.mnemonic) throw new Error('An HD wallet from a phrase always has its phrase')
  return wallet.mnemonic.phrase
}

/** Decrypts a keystore; no library error is passed on, since they may quote the file. */
async function openKeystore(json: string, passphrase: string): Promise<KeystoreAccount> {
  try {
    return await decryptKeystoreJson(json, passphrase)
  } catch (error) {
    if (isError(error, 'INVALID_ARGUMENT') && error.argument === 'password') {
      throw new WrongPassphraseError()
    }
    throw new InvalidKeystoreError(
      'The key file cannot be decrypted: it is damaged or not a keystore',
    )
  }
}

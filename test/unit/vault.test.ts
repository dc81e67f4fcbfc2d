import assert from 'node:assert/strict'
import { once } from 'node:events'
import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'
import {
  decryptKeystoreJson,
  encryptKeystoreJson,
  HDNodeWallet,
  JsonRpcProvider,
  Mnemonic,
  Wallet,
} from 'ethers'
import { createLogger } from '../../electron/node/log.ts'
import { deriveEncryptionKey } from '../../electron/node/vault/encryption-key.ts'
import { Vault, type LockedEvent, type VaultOptions } from '../../electron/node/vault/vault.ts'
import { tempDir } from '../helpers/temp.ts'

const PASS = 'correct horse battery'
const OTHER_PASS = 'another long passphrase'
const WRONG = 'not the passphrase'
const SCRYPT_N = 2 ** 12
const START = Date.parse('2025-03-01T08:00:00.000Z')
const MINUTE = 60_000

/** Everything any vault in this file logged, checked for secrets at the end. */
const logLines: string[] = []
const log = createLogger('test', (line) => {
  logLines.push(line)
  return true
})

function fakeClock(start = START) {
  const clock = { time: start, now: () => clock.time, advance: (ms: number) => (clock.time += ms) }
  return clock
}

async function makeVault(options: Partial<VaultOptions> = {}) {
  const clock = fakeClock()
  const dir = options.dir ?? path.join(await tempDir('emr-vault-'), 'keystore')
  const vault = new Vault({ dir, scryptN: SCRYPT_N, now: clock.now, log, ...options })
  const locked: LockedEvent[] = []
  vault.on('locked', (event) => locked.push(event))
  return { vault, dir, clock, locked }
}

const isError = (name: string, code: string, check?: (message: string) => void) => {
  return (error: unknown) => {
    assert.ok(error instanceof Error, String(error))
    assert.equal(error.name, name)
    assert.equal((error as Error & { code: string }).code, code)
    check?.(error.message)
    return true
  }
}
const wrongPassphrase = isError('WrongPassphraseError', 'ERR_WRONG_PASSPHRASE', (message) =>
  assert.ok(!message.includes(WRONG)),
)
const tooManyAttempts = (seconds: number) =>
  isError('TooManyAttemptsError', 'ERR_TOO_MANY_ATTEMPTS', (message) =>
    assert.match(message, new RegExp(`try again in ${seconds} s`)),
  )
const vaultLocked = isError('VaultLockedError', 'ERR_VAULT_LOCKED')
const accountExists = isError('AccountExistsError', 'ERR_ACCOUNT_EXISTS')
const accountNotFound = isError('AccountNotFoundError', 'ERR_ACCOUNT_NOT_FOUND')
const invalidKeystore = isError('InvalidKeystoreError', 'ERR_INVALID_KEYSTORE')
const weakPassphrase = isError('WeakPassphraseError', 'ERR_WEAK_PASSPHRASE')

async function readAll(dir: string): Promise<string> {
  const names = await fs.readdir(dir)
  const texts = await Promise.all(names.map((name) => fs.readFile(path.join(dir, name), 'utf8')))
  return texts.join('\n')
}

describe('Vault: accounts', () => {
  it('creates an account, lists it, and keeps it across restarts', async () => {
    const { vault, dir } = await makeVault()
    assert.deepEqual(vault.list(), [])
    const { address, mnemonic } = await vault.create({
      label: ' Dr. Chen ',
      passphrase: PASS,
      role: 'staff',
    })
    assert.match(address, /^0x[0-9a-f]{40}$/)
    assert.equal(mnemonic.split(' ').length, 12)
    assert.equal(HDNodeWallet.fromPhrase(mnemonic).address.toLowerCase(), address)
    const expected = {
      address,
      label: 'Dr. Chen',
      role: 'staff',
      createdAt: new Date(START).toISOString(),
      hasMnemonic: true,
      encryptionPublicKey: deriveEncryptionKey(HDNodeWallet.fromPhrase(mnemonic).privateKey)
        .publicKey,
    }
    assert.deepEqual(vault.list(), [expected])
    assert.deepEqual(new Vault({ dir, scryptN: SCRYPT_N }).list(), [expected])
  })

  it('writes standard v3 keystores with the configured scrypt cost and the mnemonic', async () => {
    const { vault, dir } = await makeVault()
    const { address, mnemonic } = await vault.create({
      label: 'A',
      passphrase: PASS,
      role: 'admin',
    })
    const json = JSON.parse(await fs.readFile(path.join(dir, `${address}.json`), 'utf8'))
    assert.equal(json.version, 3)
    assert.equal(json.Crypto.kdf, 'scrypt')
    assert.equal(json.Crypto.kdfparams.n, SCRYPT_N)
    assert.ok(json['x-ethers'].mnemonicCiphertext)
    const account = await decryptKeystoreJson(await vault.exportKeystore(address), PASS)
    assert.equal(account.address.toLowerCase(), address)
    assert.equal(account.mnemonic?.entropy, HDNodeWallet.fromPhrase(mnemonic).mnemonic?.entropy)
  })

  it(
    'makes files 0600 in a 0700 folder, narrowing a folder made wider',
    { skip: process.platform === 'win32' },
    async () => {
      const dir = path.join(await tempDir('emr-vault-'), 'keystore')
      await fs.mkdir(dir, { mode: 0o755 })
      await fs.chmod(dir, 0o755)
      const { vault } = await makeVault({ dir })
      await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
      assert.equal((await fs.stat(dir)).mode & 0o777, 0o700)
      const names = await fs.readdir(dir)
      assert.equal(names.length, 2)
      for (const name of names) {
        assert.equal((await fs.stat(path.join(dir, name))).mode & 0o777, 0o600, name)
      }
    },
  )

  it('keeps no secret in clear anywhere in the folder', async () => {
    const { vault, dir } = await makeVault()
    const { address, mnemonic } = await vault.create({
      label: 'Nurse Lin',
      passphrase: PASS,
      role: 'staff',
    })
    await vault.unlock(address, PASS)
    const wallet = HDNodeWallet.fromPhrase(mnemonic)
    const encryptionKey = Buffer.from(deriveEncryptionKey(wallet.privateKey).privateKey).toString(
      'hex',
    )
    const everything = (await readAll(dir)).toLowerCase()
    const words = mnemonic.split(' ')
    for (const secret of [
      mnemonic,
      wallet.privateKey.slice(2),
      wallet.mnemonic!.entropy.slice(2),
      encryptionKey,
      PASS,
      ...words.slice(1).map((word, i) => `${words[i]} ${word}`),
    ]) {
      assert.ok(!everything.includes(secret.toLowerCase()), 'a secret is in the keystore folder')
    }
    const metadata = JSON.parse(await fs.readFile(path.join(dir, 'accounts.json'), 'utf8'))
    assert.deepEqual(Object.keys(metadata.accounts[0]).sort(), [
      'address',
      'createdAt',
      'encryptionPublicKey',
      'hasMnemonic',
      'label',
      'role',
    ])
  })

  it('refuses short passphrases, empty labels and unknown roles', async () => {
    const { vault, dir } = await makeVault()
    await assert.rejects(
      vault.create({ label: 'A', passphrase: '123456789', role: 'staff' }),
      weakPassphrase,
    )
    await assert.rejects(
      vault.create({ label: '  ', passphrase: PASS, role: 'staff' }),
      isError('InvalidInputError', 'ERR_INVALID_INPUT'),
    )
    await assert.rejects(
      vault.create({ label: 'A', passphrase: PASS, role: 'root' as 'staff' }),
      isError('InvalidInputError', 'ERR_INVALID_INPUT'),
    )
    await assert.rejects(fs.stat(dir), { code: 'ENOENT' })
    await vault.create({ label: 'A', passphrase: '1234567890', role: 'staff' })
  })

  it('refuses an scrypt cost that is not a power of two in range', () => {
    for (const scryptN of [1000, 2 ** 8, 2 ** 21]) {
      assert.throws(
        () => new Vault({ dir: 'unused', scryptN }),
        isError('InvalidSettingsError', 'ERR_INVALID_SETTINGS'),
      )
    }
  })

  it('reports a malformed account list instead of replacing it', async () => {
    const { dir } = await makeVault()
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(path.join(dir, 'accounts.json'), '{"version":1,"accounts":[{}]}')
    const vault = new Vault({ dir, scryptN: SCRYPT_N })
    assert.throws(() => vault.list(), invalidKeystore)
    await assert.rejects(
      vault.create({ label: 'A', passphrase: PASS, role: 'staff' }),
      invalidKeystore,
    )
    assert.equal(
      await fs.readFile(path.join(dir, 'accounts.json'), 'utf8'),
      '{"version":1,"accounts":[{}]}',
    )
  })

  it('refuses unknown and malformed addresses with AccountNotFoundError', async () => {
    const { vault } = await makeVault()
    for (const address of [Wallet.createRandom().address, '../../etc/passwd', '0x12', '']) {
      await assert.rejects(vault.unlock(address, PASS), accountNotFound)
      await assert.rejects(vault.exportKeystore(address), accountNotFound)
    }
  })
})

describe('Vault: import', () => {
  it('imports an exported keystore: same address, same encryption key, file kept as given', async () => {
    const first = await makeVault()
    const { address } = await first.vault.create({
      label: 'Dr. Wu',
      passphrase: PASS,
      role: 'staff',
    })
    const json = await first.vault.exportKeystore(address)
    const second = await makeVault()
    const info = await second.vault.importKeystore({
      json,
      passphrase: PASS,
      label: 'Wu',
      role: 'staff',
    })
    assert.equal(info.address, address)
    assert.equal(info.hasMnemonic, true)
    assert.equal(info.encryptionPublicKey, first.vault.list()[0]?.encryptionPublicKey)
    assert.equal(await second.vault.exportKeystore(address), json)
    await first.vault.unlock(address, PASS)
    await second.vault.unlock(address, PASS)
    assert.equal(
      second.vault.requireSession().encryptionKey.publicKey,
      first.vault.requireSession().encryptionKey.publicKey,
    )
  })

  it('imports a mnemonic: same address and encryption key as the original account', async () => {
    const first = await makeVault()
    const { address, mnemonic } = await first.vault.create({
      label: 'P',
      passphrase: PASS,
      role: 'patient',
    })
    await first.vault.unlock(address, PASS)
    const second = await makeVault()
    // Typed back from paper: extra spaces, capitals.
    const phrase = `  ${mnemonic.toUpperCase().split(' ').join('   ')} \n`
    const info = await second.vault.importMnemonic({
      phrase,
      passphrase: OTHER_PASS,
      label: 'P',
      role: 'patient',
    })
    assert.equal(info.address, address)
    assert.equal(info.encryptionPublicKey, first.vault.list()[0]?.encryptionPublicKey)
    await second.vault.unlock(address, OTHER_PASS)
    assert.equal(
      second.vault.requireSession().encryptionKey.publicKey,
      first.vault.requireSession().encryptionKey.publicKey,
    )
  })

  it('refuses a second import of the same account, by keystore or by mnemonic', async () => {
    const { vault } = await makeVault()
    const { address, mnemonic } = await vault.create({
      label: 'A',
      passphrase: PASS,
      role: 'staff',
    })
    const json = await vault.exportKeystore(address)
    await assert.rejects(
      vault.importKeystore({ json, passphrase: PASS, label: 'B', role: 'staff' }),
      accountExists,
    )
    await assert.rejects(
      vault.importMnemonic({ phrase: mnemonic, passphrase: PASS, label: 'B', role: 'staff' }),
      accountExists,
    )
    assert.equal(vault.list().length, 1)
    assert.equal(vault.list()[0]?.label, 'A')
  })

  it('refuses two concurrent imports of one account', async () => {
    const { vault } = await makeVault()
    const phrase = Wallet.createRandom().mnemonic!.phrase
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        vault.importMnemonic({ phrase, passphrase: PASS, label: 'A', role: 'staff' }),
      ),
    )
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected'])
    assert.equal(vault.list().length, 1)
  })

  it('imports a keystore without a mnemonic', async () => {
    const { vault } = await makeVault()
    const wallet = Wallet.createRandom()
    const { address, privateKey } = wallet
    const json = await encryptKeystoreJson({ address, privateKey }, PASS, {
      scrypt: { N: SCRYPT_N },
    })
    const info = await vault.importKeystore({
      json,
      passphrase: PASS,
      label: 'Old',
      role: 'governor',
    })
    assert.equal(info.hasMnemonic, false)
    assert.equal(info.address, wallet.address.toLowerCase())
  })

  it('refuses a wrong passphrase, broken or hostile keystores, and bad phrases, quoting nothing', async () => {
    const { vault } = await makeVault()
    const wallet = Wallet.createRandom()
    const { address, privateKey } = wallet
    const json = await encryptKeystoreJson({ address, privateKey }, PASS, {
      scrypt: { N: SCRYPT_N },
    })
    const input = { passphrase: PASS, label: 'A', role: 'staff' } as const
    await assert.rejects(
      vault.importKeystore({ ...input, json, passphrase: WRONG }),
      wrongPassphrase,
    )
    const parsed = JSON.parse(json)
    const hostile = [
      `not json ${wallet.privateKey}`,
      '[]',
      JSON.stringify({ ...parsed, version: 1 }),
      JSON.stringify({
        ...parsed,
        Crypto: { ...parsed.Crypto, kdfparams: { ...parsed.Crypto.kdfparams, n: 2 ** 24 } },
      }),
      JSON.stringify({ ...parsed, Crypto: { ...parsed.Crypto, cipher: 'aes-256-cbc' } }),
      JSON.stringify({ ...parsed, Crypto: { ...parsed.Crypto, ciphertext: 'zz' } }),
      JSON.stringify({ ...parsed, padding: 'x'.repeat(70_000) }),
    ]
    for (const bad of hostile) {
      await assert.rejects(
        vault.importKeystore({ ...input, json: bad }),
        isError('InvalidKeystoreError', 'ERR_INVALID_KEYSTORE', (message) =>
          assert.ok(
            !message.includes(wallet.privateKey.slice(2, 12)) && !message.includes('not json'),
          ),
        ),
      )
    }
    const words = wallet.mnemonic!.phrase.split(' ')
    // The checksum is 4 bits, so one reordering in 16 is itself a valid phrase: take one that is not.
    const reordered = words
      .map((_, k) => [...words.slice(k), ...words.slice(0, k)].join(' '))
      .find((phrase, k) => k > 0 && !Mnemonic.isValidMnemonic(phrase))!
    for (const phrase of [words.slice(1).join(' '), reordered, 'hello world']) {
      await assert.rejects(
        vault.importMnemonic({ ...input, phrase }),
        isError('InvalidMnemonicError', 'ERR_INVALID_MNEMONIC', (message) =>
          assert.ok(!message.includes(words[1]!)),
        ),
      )
    }
    assert.deepEqual(vault.list(), [])
  })
})

describe('Vault: detached accounts', () => {
  it('generates an account that is exported but not stored', async () => {
    const { vault, dir } = await makeVault()
    await vault.create({ label: 'Desk', passphrase: PASS, role: 'staff' })
    const before = await fs.readdir(dir)
    const detached = await vault.createDetached({ passphrase: OTHER_PASS })
    assert.equal(vault.list().length, 1)
    assert.deepEqual(await fs.readdir(dir), before)
    const account = await decryptKeystoreJson(detached.keystoreJson, OTHER_PASS)
    assert.equal(account.address, detached.wallet.address)
    assert.equal(HDNodeWallet.fromPhrase(detached.mnemonic).address, detached.wallet.address)
    assert.equal(detached.encryptionPublicKey, deriveEncryptionKey(account.privateKey).publicKey)
    assert.equal(JSON.parse(detached.keystoreJson).Crypto.kdfparams.n, SCRYPT_N)
    await assert.rejects(vault.createDetached({ passphrase: 'short' }), weakPassphrase)
  })

  it('imports the detached keystore on another node (the patient at home)', async () => {
    const desk = await makeVault()
    const detached = await desk.vault.createDetached({ passphrase: OTHER_PASS })
    const home = await makeVault()
    const info = await home.vault.importKeystore({
      json: detached.keystoreJson,
      passphrase: OTHER_PASS,
      label: 'Me',
      role: 'patient',
    })
    await home.vault.unlock(info.address, OTHER_PASS)
    assert.equal(home.vault.requireSession().encryptionKey.publicKey, detached.encryptionPublicKey)
  })
})

describe('Vault: sessions', () => {
  it('unlocks and locks, giving a signer and the derived encryption key', async () => {
    const { vault, clock, locked } = await makeVault()
    const { address, mnemonic } = await vault.create({
      label: 'Dr. Chen',
      passphrase: PASS,
      role: 'staff',
    })
    assert.equal(vault.session(), null)
    assert.throws(() => vault.requireSession(), vaultLocked)
    const info = await vault.unlock(address.toUpperCase().replace('0X', '0x'), PASS)
    assert.deepEqual(info, {
      address,
      label: 'Dr. Chen',
      role: 'staff',
      expiresAt: clock.time + 10 * MINUTE,
    })
    const session = vault.requireSession()
    assert.equal(session.address, address)
    assert.equal(session.signer.address.toLowerCase(), address)
    const privateKey = HDNodeWallet.fromPhrase(mnemonic).privateKey
    assert.equal(session.encryptionKey.publicKey, deriveEncryptionKey(privateKey).publicKey)
    assert.equal(session.encryptionKey.publicKey, vault.list()[0]?.encryptionPublicKey)
    const provider = new JsonRpcProvider('http://127.0.0.1:1', undefined, { staticNetwork: true })
    assert.equal(session.connect(provider).provider, provider)
    provider.destroy()

    const encryptionKey = session.encryptionKey.privateKey
    vault.lock()
    assert.equal(vault.session(), null)
    assert.deepEqual(locked, [{ address, reason: 'manual' }])
    assert.ok(
      encryptionKey.every((byte) => byte === 0),
      'the encryption key is wiped',
    )
    assert.throws(() => session.signer, vaultLocked)
    assert.throws(() => session.encryptionKey, vaultLocked)
    assert.throws(() => session.connect(provider), vaultLocked)
    vault.lock()
    assert.equal(locked.length, 1)
  })

  it('locks after the idle time on access, with the clock as the only witness', async () => {
    const { vault, clock, locked } = await makeVault()
    const { address } = await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
    await vault.unlock(address, PASS)
    const session = vault.requireSession()
    clock.advance(10 * MINUTE - 1)
    assert.ok(vault.session())
    clock.advance(1)
    // As after a laptop wakes up: the timer has not fired, the deadline has passed.
    assert.throws(() => session.signer, vaultLocked)
    assert.equal(vault.session(), null)
    assert.deepEqual(locked, [{ address, reason: 'idle' }])
  })

  it('extends the deadline on touch()', async () => {
    const { vault, clock, locked } = await makeVault()
    const { address } = await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
    await vault.unlock(address, PASS)
    clock.advance(6 * MINUTE)
    vault.touch()
    assert.equal(vault.requireSession().expiresAt, clock.time + 10 * MINUTE)
    clock.advance(6 * MINUTE)
    assert.ok(vault.session(), 'still signed in 12 minutes after unlock')
    clock.advance(4 * MINUTE)
    vault.touch()
    assert.equal(vault.session(), null, 'a touch cannot revive an expired session')
    assert.deepEqual(locked, [{ address, reason: 'idle' }])
  })

  it('locks an idle session on its own timer', async () => {
    const { vault, locked } = await makeVault({ now: Date.now, idleLockMs: 50 })
    const { address } = await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
    const event = once(vault, 'locked')
    await vault.unlock(address, PASS)
    assert.deepEqual(await event, [{ address, reason: 'idle' }])
    assert.equal(locked.length, 1)
  })

  it('applies a shorter idle time at once', async () => {
    const { vault, clock, locked } = await makeVault()
    const { address } = await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
    await vault.unlock(address, PASS)
    clock.advance(3 * MINUTE)
    vault.setIdleLockMs(5 * MINUTE)
    assert.equal(vault.requireSession().expiresAt, clock.time + 2 * MINUTE)
    vault.setIdleLockMs(2 * MINUTE)
    assert.equal(vault.session(), null)
    assert.deepEqual(locked, [{ address, reason: 'idle' }])
    assert.throws(() => vault.setIdleLockMs(0), isError('InvalidInputError', 'ERR_INVALID_INPUT'))
  })

  it('switches accounts only once the new passphrase is right', async () => {
    const { vault, locked } = await makeVault()
    const a = await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
    const b = await vault.create({ label: 'B', passphrase: OTHER_PASS, role: 'staff' })
    await vault.unlock(a.address, PASS)
    const first = vault.requireSession()
    await assert.rejects(vault.unlock(b.address, WRONG), wrongPassphrase)
    assert.equal(vault.requireSession().address, a.address)
    await vault.unlock(b.address, OTHER_PASS)
    assert.equal(vault.requireSession().address, b.address)
    assert.deepEqual(locked, [{ address: a.address, reason: 'manual' }])
    assert.throws(() => first.signer, vaultLocked)
  })

  it('invalidates an earlier Session of the same account after it is unlocked again', async () => {
    const { vault } = await makeVault()
    const { address } = await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
    await vault.unlock(address, PASS)
    const first = vault.requireSession()
    vault.lock()
    await vault.unlock(address, PASS)
    assert.throws(() => first.signer, vaultLocked)
    assert.ok(vault.requireSession().signer)
  })
})

describe('Vault: wrong passphrases', () => {
  it('backs off 2 s, 4 s, 8 s … up to 5 min after 3 failures, and resets on success', async () => {
    const { vault, clock } = await makeVault()
    const { address } = await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
    for (let i = 0; i < 3; i++) await assert.rejects(vault.unlock(address, WRONG), wrongPassphrase)
    const delays = [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    for (const seconds of delays) {
      await assert.rejects(vault.unlock(address, PASS), tooManyAttempts(seconds))
      clock.advance(seconds * 1000 - 1)
      await assert.rejects(vault.unlock(address, WRONG), tooManyAttempts(1))
      clock.advance(1)
      await assert.rejects(vault.unlock(address, WRONG), wrongPassphrase)
    }
    clock.advance(300_000)
    await vault.unlock(address, PASS)
    for (let i = 0; i < 3; i++) await assert.rejects(vault.unlock(address, WRONG), wrongPassphrase)
    await assert.rejects(vault.unlock(address, WRONG), tooManyAttempts(2))
  })

  it('counts per account', async () => {
    const { vault } = await makeVault()
    const a = await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
    const b = await vault.create({ label: 'B', passphrase: PASS, role: 'staff' })
    for (let i = 0; i < 3; i++)
      await assert.rejects(vault.unlock(a.address, WRONG), wrongPassphrase)
    await assert.rejects(vault.unlock(a.address, PASS), tooManyAttempts(2))
    await vault.unlock(b.address, PASS)
  })

  it('cannot be outrun by parallel attempts', async () => {
    const { vault } = await makeVault()
    const { address } = await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => vault.unlock(address, WRONG)),
    )
    const names = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'ok'))
    assert.deepEqual(names, [
      'WrongPassphraseError',
      'WrongPassphraseError',
      'WrongPassphraseError',
      'TooManyAttemptsError',
      'TooManyAttemptsError',
      'TooManyAttemptsError',
    ])
  })
})

describe('Vault: changePassphrase', () => {
  it('re-encrypts under the new passphrase, keeping the mnemonic', async () => {
    const { vault } = await makeVault()
    const { address, mnemonic } = await vault.create({
      label: 'A',
      passphrase: PASS,
      role: 'staff',
    })
    await vault.changePassphrase(address, PASS, OTHER_PASS)
    await assert.rejects(vault.unlock(address, PASS), wrongPassphrase)
    await vault.unlock(address, OTHER_PASS)
    const account = await decryptKeystoreJson(await vault.exportKeystore(address), OTHER_PASS)
    assert.equal(account.mnemonic?.entropy, HDNodeWallet.fromPhrase(mnemonic).mnemonic?.entropy)
    assert.equal(vault.list()[0]?.hasMnemonic, true)
  })

  it('refuses a weak new passphrase, and counts a wrong old one against the back-off', async () => {
    const { vault } = await makeVault()
    const { address } = await vault.create({ label: 'A', passphrase: PASS, role: 'staff' })
    await assert.rejects(vault.changePassphrase(address, PASS, 'short'), weakPassphrase)
    for (let i = 0; i < 3; i++) {
      await assert.rejects(vault.changePassphrase(address, WRONG, OTHER_PASS), wrongPassphrase)
    }
    await assert.rejects(vault.changePassphrase(address, PASS, OTHER_PASS), tooManyAttempts(2))
    await assert.rejects(vault.unlock(address, PASS), tooManyAttempts(2))
  })
})

describe('Vault: logs', () => {
  it('logged no passphrase in any test above', () => {
    assert.ok(logLines.length > 0)
    const all = logLines.join('')
    for (const secret of [PASS, OTHER_PASS, WRONG]) assert.ok(!all.includes(secret))
    assert.ok(!/[0-9a-f]{64}/i.test(all), 'no 32-byte hex value (a key) was logged')
  })
})

import assert from 'node:assert/strict'
import { hkdfSync, randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { decrypt as eciesDecrypt, encrypt as eciesEncrypt } from 'eciesjs'
import { Config } from 'eciesjs/config'
import { Wallet } from 'ethers'
import {
  deriveEncryptionKey,
  ENCRYPTION_KEY_INFO,
  unwrapKey,
  wrapKey,
} from '../../electron/node/vault/encryption-key.ts'

const ACCOUNT_KEY = `0x${'11'.repeat(32)}`
/** The format wrapped keys have had since the first release, as eciesjs configures it. */
const ECIESJS_FORMAT = Object.assign(new Config(), {
  ellipticCurve: 'secp256k1',
  isEphemeralKeyCompressed: false,
  isHkdfKeyCompressed: false,
  symmetricAlgorithm: 'aes-256-gcm',
  symmetricNonceLength: 16,
} satisfies Partial<Config>)
const SECP256K1_N = secp256k1.Point.Fn.ORDER
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

const isError = (name: string, code: string) => (error: unknown) => {
  assert.ok(error instanceof Error)
  assert.equal(error.name, name)
  assert.equal((error as Error & { code: string }).code, code)
  return true
}
const isKeyUnwrapError = isError('KeyUnwrapError', 'ERR_KEY_UNWRAP')
const isInvalidInput = isError('InvalidInputError', 'ERR_INVALID_INPUT')

describe('deriveEncryptionKey', () => {
  it('follows the documented construction: HKDF-SHA256, mod (n - 1) + 1', () => {
    // An independent implementation (node:crypto, bigint) of what docs/architecture.md states.
    const okm = hkdfSync(
      'sha256',
      Buffer.from(ACCOUNT_KEY.slice(2), 'hex'),
      Buffer.alloc(0),
      'emr-node/encryption-key/v1',
      48,
    )
    const scalar = (BigInt(`0x${hex(new Uint8Array(okm))}`) % (SECP256K1_N - 1n)) + 1n
    const { privateKey, publicKey } = deriveEncryptionKey(ACCOUNT_KEY)
    assert.equal(ENCRYPTION_KEY_INFO, 'emr-node/encryption-key/v1')
    assert.equal(hex(privateKey), scalar.toString(16).padStart(64, '0'))
    assert.equal(publicKey, `0x${hex(secp256k1.getPublicKey(privateKey, true))}`)
  })

  it('gives a pinned result, so a change of scheme cannot go unnoticed', () => {
    const { privateKey, publicKey } = deriveEncryptionKey(ACCOUNT_KEY)
    assert.equal(
      hex(privateKey),
      '42ab5be61e0b171946f934fcd6df43d073e75dce97622acdbe6884c11a2337f0',
    )
    assert.equal(publicKey, '0x02d8f36ef23bfa49151a6b80af2387a032fa424c8cfc5da0d317b3ed5854732f77')
  })

  it('is deterministic', () => {
    const account = Wallet.createRandom()
    const a = deriveEncryptionKey(account.privateKey)
    const b = deriveEncryptionKey(account.privateKey)
    assert.deepEqual(a.privateKey, b.privateKey)
    assert.equal(a.publicKey, b.publicKey)
  })

  it('differs between accounts, and from the account key itself', () => {
    const [one, two] = [Wallet.createRandom(), Wallet.createRandom()]
    const a = deriveEncryptionKey(one.privateKey)
    assert.notEqual(a.publicKey, deriveEncryptionKey(two.privateKey).publicKey)
    assert.notEqual(`0x${hex(a.privateKey)}`, one.privateKey)
    assert.notEqual(a.publicKey, one.signingKey.compressedPublicKey)
  })

  it('gives a valid secret and a 33-byte compressed public key', () => {
    for (let i = 0; i < 20; i++) {
      const { privateKey, publicKey } = deriveEncryptionKey(Wallet.createRandom().privateKey)
      assert.ok(secp256k1.utils.isValidSecretKey(privateKey))
      assert.match(publicKey, /^0x0[23][0-9a-f]{64}$/)
    }
  })

  for (const bad of ['', '11'.repeat(32), `0x${'11'.repeat(31)}`, `0x${'zz'.repeat(32)}`]) {
    it(`refuses ${JSON.stringify(bad.slice(0, 12))}… as an account key, without quoting it`, () => {
      assert.throws(
        () => deriveEncryptionKey(bad),
        (error: unknown) => {
          isInvalidInput(error)
          if (bad.length > 8) assert.ok(!(error as Error).message.includes(bad.slice(2, 10)))
          return true
        },
      )
    })
  }
})

describe('wrapKey / unwrapKey', () => {
  const reader = deriveEncryptionKey(Wallet.createRandom().privateKey)
  const recordKey = new Uint8Array(randomBytes(32))

  it('round-trips a record key', () => {
    const wrapped = wrapKey(reader.publicKey, recordKey)
    assert.deepEqual(unwrapKey(reader.privateKey, wrapped), recordKey)
  })

  it("is eciesjs's format both ways: keys wrapped by either unwrap with the other", () => {
    const wrappedByEciesjs = eciesEncrypt(reader.publicKey.slice(2), recordKey, ECIESJS_FORMAT)
    assert.deepEqual(unwrapKey(reader.privateKey, wrappedByEciesjs), recordKey)
    const wrappedHere = wrapKey(reader.publicKey, recordKey)
    assert.deepEqual(eciesDecrypt(reader.privateKey, wrappedHere, ECIESJS_FORMAT), recordKey)
  })

  it('has the pinned format: 65-byte ephemeral key, 16-byte nonce, 16-byte tag, ciphertext', () => {
    const wrapped = wrapKey(reader.publicKey, recordKey)
    assert.equal(wrapped.length, 65 + 16 + 16 + 32)
    assert.equal(wrapped[0], 0x04)
  })

  it('accepts the public key without 0x, and uncompressed', () => {
    const uncompressed = hex(secp256k1.getPublicKey(reader.privateKey, false))
    for (const publicKey of [reader.publicKey.slice(2), `0x${uncompressed}`]) {
      assert.deepEqual(unwrapKey(reader.privateKey, wrapKey(publicKey, recordKey)), recordKey)
    }
  })

  it('wraps the same key differently each time', () => {
    assert.notDeepEqual(wrapKey(reader.publicKey, recordKey), wrapKey(reader.publicKey, recordKey))
  })

  it('fails with KeyUnwrapError for another key', () => {
    const other = deriveEncryptionKey(Wallet.createRandom().privateKey)
    const wrapped = wrapKey(reader.publicKey, recordKey)
    assert.throws(() => unwrapKey(other.privateKey, wrapped), isKeyUnwrapError)
  })

  for (const [part, offset] of [
    ['ephemeral key', 10],
    ['nonce', 65 + 3],
    ['tag', 65 + 16 + 3],
    ['ciphertext', 65 + 32 + 3],
  ] as const) {
    it(`fails with KeyUnwrapError when the ${part} is altered`, () => {
      const wrapped = wrapKey(reader.publicKey, recordKey)
      wrapped[offset]! ^= 0x01
      assert.throws(() => unwrapKey(reader.privateKey, wrapped), isKeyUnwrapError)
    })
  }

  it('fails with KeyUnwrapError when truncated or empty', () => {
    const wrapped = wrapKey(reader.publicKey, recordKey)
    assert.throws(() => unwrapKey(reader.privateKey, wrapped.subarray(0, -1)), isKeyUnwrapError)
    assert.throws(() => unwrapKey(reader.privateKey, new Uint8Array()), isKeyUnwrapError)
  })

  it('refuses invalid public keys and an empty key with InvalidInputError', () => {
    for (const bad of ['', '0x1234', `0x02${'ff'.repeat(32)}`, `0x05${'11'.repeat(32)}`]) {
      assert.throws(() => wrapKey(bad, recordKey), isInvalidInput)
    }
    assert.throws(() => wrapKey(reader.publicKey, new Uint8Array()), isInvalidInput)
  })
})

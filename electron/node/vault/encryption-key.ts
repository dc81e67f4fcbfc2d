/**
 * Each account's encryption key pair, which record keys are wrapped to (ECIES over secp256k1).
 *
 * The pair is derived from the account's private key, so whatever restores the account (its
 * keystore file or its recovery phrase) restores the pair too, and no second secret has to be
 * backed up:
 *
 *     okm        = HKDF-SHA256(ikm = account private key (32 bytes), salt = none (32 zero bytes),
 *                              info = "emr-node/encryption-key/v1" (UTF-8), L = 48 bytes)
 *     privateKey = (OS2IP(okm) mod (n - 1)) + 1, as 32 big-endian bytes   (n: secp256k1 order)
 *     publicKey  = 0x + compressed SEC1 point (33 bytes), hex
 *
 * The 48-byte output and the reduction into 1..n-1 are FIPS 186-5 A.2.1 (noble's
 * `mapHashToField`): the modulo bias is below 2^-128. Changing anything above orphans every
 * wrapped key, so a new scheme needs a new info string (`…/v2`), never an edit of this one.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { mapHashToField } from '@noble/curves/abstract/modular.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { InvalidInputError, KeyUnwrapError } from '../errors.ts'

/** The HKDF info string of the derivation; part of the on-chain data format. */
export const ENCRYPTION_KEY_INFO = 'emr-node/encryption-key/v1'

const OKM_BYTES = 48
const PRIVATE_KEY_HEX = /^0x[0-9a-fA-F]{64}$/
const PUBLIC_KEY_HEX = /^(0x)?([0-9a-fA-F]{66}|[0-9a-fA-F]{130})$/

/**
 * The wrapped-key format is eciesjs's (secp256k1, uncompressed keys, AES-256-GCM with a 16-byte
 * nonce), so keys wrapped by either decrypt with the other (a test checks both ways):
 *
 *     wrapped = ephemeralPublicKey (65) || nonce (16) || GCM tag (16) || ciphertext
 *     aesKey  = HKDF-SHA256(ikm = ephemeralPublicKey (65) || sharedPoint (65, uncompressed),
 *                           salt = none, info = none, L = 32)
 *
 * Built here from one curve multiplication and node:crypto rather than through eciesjs, whose
 * key classes multiply twice more just to convert formats and run AES in JavaScript: 32 ms per
 * key against 5 ms, paid for every reader of every upload and every open.
 */
const EPHEMERAL_KEY_BYTES = 65
const NONCE_BYTES = 16
const TAG_BYTES = 16
const NO_BYTES = new Uint8Array()

function wrappingKey(ephemeralPublicKey: Uint8Array, sharedPoint: Uint8Array): Buffer {
  const ikm = Buffer.concat([ephemeralPublicKey, sharedPoint])
  return Buffer.from(hkdfSync('sha256', ikm, NO_BYTES, NO_BYTES, 32))
}

export interface EncryptionKey {
  /** The 32-byte secp256k1 secret that unwraps record keys. */
  privateKey: Uint8Array
  /** 0x + 33-byte compressed public key, hex: what is published on chain. */
  publicKey: string
}

/** Derives an account's encryption key pair from its private key (0x + 64 hex). */
export function deriveEncryptionKey(accountPrivateKey: string): EncryptionKey {
  if (!PRIVATE_KEY_HEX.test(accountPrivateKey)) {
    throw new InvalidInputError('Not a valid account private key')
  }
  const ikm = hexToBytes(accountPrivateKey.slice(2))
  const okm = hkdf(sha256, ikm, undefined, utf8ToBytes(ENCRYPTION_KEY_INFO), OKM_BYTES)
  const privateKey = mapHashToField(okm, secp256k1.Point.Fn.ORDER)
  ikm.fill(0)
  okm.fill(0)
  return { privateKey, publicKey: `0x${bytesToHex(secp256k1.getPublicKey(privateKey, true))}` }
}

/** Encrypts `key` (a record key) so that only the recipient's encryption key can unwrap it. */
export function wrapKey(recipientPublicKeyHex: string, key: Uint8Array): Uint8Array {
  if (key.length === 0) throw new InvalidInputError('The key to wrap is empty')
  const recipient = parsePublicKey(recipientPublicKeyHex)
  const ephemeralSecret = secp256k1.utils.randomSecretKey()
  const ephemeralPublicKey = secp256k1.getPublicKey(ephemeralSecret, false)
  const shared = secp256k1.getSharedSecret(ephemeralSecret, recipient, false)
  ephemeralSecret.fill(0)
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(ephemeralPublicKey, shared), nonce)
  const ciphertext = Buffer.concat([cipher.update(key), cipher.final()])
  return new Uint8Array(Buffer.concat([ephemeralPublicKey, nonce, cipher.getAuthTag(), ciphertext]))
}

/** Decrypts a key wrapped by `wrapKey`; KeyUnwrapError if it is for another key or was altered. */
export function unwrapKey(encryptionPrivateKey: Uint8Array, wrapped: Uint8Array): Uint8Array {
  const headerBytes = EPHEMERAL_KEY_BYTES + NONCE_BYTES + TAG_BYTES
  if (wrapped.length <= headerBytes) throw new KeyUnwrapError()
  try {
    const ephemeralPublicKey = wrapped.subarray(0, EPHEMERAL_KEY_BYTES)
    const shared = secp256k1.getSharedSecret(encryptionPrivateKey, ephemeralPublicKey, false)
    const decipher = createDecipheriv(
      'aes-256-gcm',
      wrappingKey(ephemeralPublicKey, shared),
      wrapped.subarray(EPHEMERAL_KEY_BYTES, EPHEMERAL_KEY_BYTES + NONCE_BYTES),
    )
    decipher.setAuthTag(wrapped.subarray(EPHEMERAL_KEY_BYTES + NONCE_BYTES, headerBytes))
    const key = Buffer.concat([decipher.update(wrapped.subarray(headerBytes)), decipher.final()])
    const copy = new Uint8Array(key)
    key.fill(0)
    return copy
  } catch {
    // No cause attached: library errors about keys may quote key material.
    throw new KeyUnwrapError()
  }
}

function parsePublicKey(hex: string): Uint8Array {
  const bytes = PUBLIC_KEY_HEX.test(hex) ? hexToBytes(hex.replace(/^0x/, '')) : undefined
  if (!bytes || !secp256k1.utils.isValidPublicKey(bytes, bytes.length === 33)) {
    throw new InvalidInputError('Not a valid encryption public key')
  }
  return bytes
}

/**
 * The node's own protected secret: what seals keys the node uses with nobody signed in (the
 * institution's emergency releaser), so that a copy of the data folder alone opens nothing. It
 * never lives in the data folder. The Electron shell supplies one backed by the OS keychain
 * (`safeStorage`); plain Node (browser mode, the CLI, tests) takes it from `EMR_NODE_SECRET`.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { InvalidNodeSecretError, NodeSecretMismatchError } from '../errors.ts'

/** Where a node's secret lives, as the status reports it. */
export type NodeSecretSource = 'os-keychain' | 'environment'

export interface NodeSecret {
  readonly source: NodeSecretSource
  /** Encrypts `plaintext` so that only this secret opens it. */
  seal(plaintext: Uint8Array): Promise<Uint8Array>
  /** Opens what `seal` produced; NodeSecretMismatchError when another secret sealed it. */
  unseal(sealed: Uint8Array): Promise<Uint8Array>
}

/** The environment variable plain Node reads the secret from. */
export const NODE_SECRET_VARIABLE = 'EMR_NODE_SECRET'

/**
 * The secret is stretched with HKDF only, not a password hash, so it must be random: 32
 * characters or more (`openssl rand -hex 32`).
 */
const MIN_SECRET_LENGTH = 32
const KEY_INFO = 'emr-node/node-secret/v1'
const NONCE_BYTES = 12
const TAG_BYTES = 16

/** The secret in `EMR_NODE_SECRET`, or null where none is set (automatic release is then off). */
export function nodeSecretFromEnvironment(env: NodeJS.ProcessEnv = process.env): NodeSecret | null {
  const value = env[NODE_SECRET_VARIABLE]
  if (value === undefined || value === '') return null
  if (value.length < MIN_SECRET_LENGTH) {
    throw new InvalidNodeSecretError(
      `${NODE_SECRET_VARIABLE} must be a random value of at least ${MIN_SECRET_LENGTH} characters`,
    )
  }
  return keyNodeSecret(
    new Uint8Array(hkdfSync('sha256', value, new Uint8Array(), KEY_INFO, 32)),
    'environment',
  )
}

/** A NodeSecret over a 32-byte AES-256-GCM key: nonce (12) ‖ tag (16) ‖ ciphertext. */
export function keyNodeSecret(key: Uint8Array, source: NodeSecretSource): NodeSecret {
  return {
    source,
    async seal(plaintext) {
      const nonce = randomBytes(NONCE_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, nonce)
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
      return new Uint8Array(Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]))
    },
    async unseal(sealed) {
      if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new NodeSecretMismatchError()
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES))
        decipher.setAuthTag(sealed.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES))
        const body = sealed.subarray(NONCE_BYTES + TAG_BYTES)
        return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]))
      } catch {
        throw new NodeSecretMismatchError()
      }
    },
  }
}

/**
 * The node secret of the desktop app: Electron's `safeStorage`, whose key the OS keychain holds
 * (Keychain, DPAPI, or the Secret Service / KWallet on Linux), so a copy of the data folder on
 * another machine or account cannot unseal what it sealed.
 */
import type { SafeStorage } from 'electron'
import { NodeSecretMismatchError } from '../node/errors.ts'
import type { NodeSecret } from '../node/vault/node-secret.ts'

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>

/**
 * A NodeSecret over `storage`, or null where it protects nothing: encryption unavailable, or
 * Linux without a keyring, where Chromium falls back to a fixed password ('basic_text').
 */
export function safeStorageNodeSecret(
  storage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): NodeSecret | null {
  if (!storage.isEncryptionAvailable()) return null
  if (platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text') return null
  return {
    source: 'os-keychain',
    async seal(plaintext) {
      return new Uint8Array(storage.encryptString(Buffer.from(plaintext).toString('base64')))
    },
    async unseal(sealed) {
      try {
        return new Uint8Array(Buffer.from(storage.decryptString(Buffer.from(sealed)), 'base64'))
      } catch {
        throw new NodeSecretMismatchError()
      }
    },
  }
}

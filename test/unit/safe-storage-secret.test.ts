import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  safeStorageNodeSecret,
  type SafeStorageLike,
} from '../../electron/main/safe-storage-secret.ts'

/** A stand-in for Electron's safeStorage: reversible, and refuses what it did not encrypt. */
function fakeStorage(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () =>
      backend as ReturnType<SafeStorageLike['getSelectedStorageBackend']>,
    encryptString: (text) => Buffer.from(`sealed:${text}`),
    decryptString: (buffer) => {
      const text = buffer.toString()
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext')
      return text.slice('sealed:'.length)
    },
  }
}

describe("the desktop app's node secret (safeStorage)", () => {
  test('seals through the OS keychain and unseals what it sealed', async () => {
    const secret = safeStorageNodeSecret(fakeStorage('gnome_libsecret'), 'linux')!
    assert.equal(secret.source, 'os-keychain')
    const bytes = new Uint8Array([0, 1, 2, 250, 255])
    assert.deepEqual(await secret.unseal(await secret.seal(bytes)), bytes)
  })

  test('what another keychain sealed is a typed mismatch', async () => {
    const secret = safeStorageNodeSecret(fakeStorage('kwallet5'), 'linux')!
    await assert.rejects(
      secret.unseal(new Uint8Array([1, 2, 3])),
      (error: { code?: string }) => error.code === 'ERR_NODE_SECRET_MISMATCH',
    )
  })

  test("none where it protects nothing: no encryption, or Linux's fixed-password fallback", () => {
    assert.equal(safeStorageNodeSecret(fakeStorage('unknown', false), 'darwin'), null)
    assert.equal(safeStorageNodeSecret(fakeStorage('basic_text'), 'linux'), null)
    assert.notEqual(safeStorageNodeSecret(fakeStorage('unknown'), 'win32'), null)
  })
})

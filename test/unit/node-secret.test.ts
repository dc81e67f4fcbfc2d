import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import { keyNodeSecret, nodeSecretFromEnvironment } from '../../electron/node/vault/node-secret.ts'

const expectCode = (code: string) => (error: { code?: string }) => error.code === code
const plaintext = randomBytes(32)

describe('the node secret', () => {
  test('what one secret seals, it unseals', async () => {
    const secret = nodeSecretFromEnvironment({ EMR_NODE_SECRET: randomBytes(32).toString('hex') })!
    assert.equal(secret.source, 'environment')
    const sealed = await secret.seal(plaintext)
    assert.equal(Buffer.from(sealed).includes(plaintext), false)
    assert.deepEqual(Buffer.from(await secret.unseal(sealed)), plaintext)
  })

  test('another secret, or an altered seal, opens nothing', async () => {
    const sealed = await keyNodeSecret(randomBytes(32), 'environment').seal(plaintext)
    const other = keyNodeSecret(randomBytes(32), 'environment')
    await assert.rejects(other.unseal(sealed), expectCode('ERR_NODE_SECRET_MISMATCH'))
    const secret = keyNodeSecret(randomBytes(32), 'environment')
    const altered = await secret.seal(plaintext)
    altered[altered.length - 1]! ^= 1
    await assert.rejects(secret.unseal(altered), expectCode('ERR_NODE_SECRET_MISMATCH'))
    await assert.rejects(secret.unseal(new Uint8Array(8)), expectCode('ERR_NODE_SECRET_MISMATCH'))
  })

  test('without EMR_NODE_SECRET there is none; a short one is refused', () => {
    assert.equal(nodeSecretFromEnvironment({}), null)
    assert.equal(nodeSecretFromEnvironment({ EMR_NODE_SECRET: '' }), null)
    assert.throws(
      () => nodeSecretFromEnvironment({ EMR_NODE_SECRET: 'hospital123' }),
      expectCode('ERR_INVALID_NODE_SECRET'),
    )
  })

  test('the same variable gives the same key in a new process', async () => {
    const value = randomBytes(32).toString('hex')
    const sealed = await nodeSecretFromEnvironment({ EMR_NODE_SECRET: value })!.seal(plaintext)
    const again = nodeSecretFromEnvironment({ EMR_NODE_SECRET: value })!
    assert.deepEqual(Buffer.from(await again.unseal(sealed)), plaintext)
  })
})

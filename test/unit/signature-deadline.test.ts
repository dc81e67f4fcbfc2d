import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SIGNATURE_LIFETIME_S, deadlineFrom } from '../../electron/node/chain/signature-deadline.ts'

const now = Date.UTC(2026, 11, 5, 9, 0, 0)
const nowS = now / 1000

test("a consent's deadline runs from the workstation's clock when the last block is old", () => {
  assert.equal(deadlineFrom(now, nowS - 3_600), BigInt(nowS + SIGNATURE_LIFETIME_S))
})

test('a workstation whose clock runs behind the chain still signs a consent the chain accepts', () => {
  assert.equal(deadlineFrom(now, nowS + 900), BigInt(nowS + 900 + SIGNATURE_LIFETIME_S))
})

test('milliseconds are cut to whole seconds, as block times are', () => {
  assert.equal(deadlineFrom(now + 999, 0), BigInt(nowS + SIGNATURE_LIFETIME_S))
})

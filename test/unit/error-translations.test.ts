import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { Interface, type InterfaceAbi } from 'ethers'
import { contractError, contractErrorCode } from '../../electron/node/chain/contract-errors.ts'
import * as errors from '../../electron/node/errors.ts'
import en from '../../renderer/src/i18n/en.json' with { type: 'json' }
import zhTW from '../../renderer/src/i18n/zh-TW.json' with { type: 'json' }

function artifact(): { abi: { type: string; name: string }[] } {
  const url = new URL('../../contracts/artifacts/EMRRegistry.json', import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as { abi: { type: string; name: string }[] }
}

/** Every code the node can send: its error classes, access denials and the registry's reverts. */
function allErrorCodes(): string[] {
  const classCodes = Object.values(errors).flatMap((value) =>
    typeof value === 'function' && typeof (value as { code?: unknown }).code === 'string'
      ? [(value as unknown as { code: string }).code]
      : [],
  )
  const revertCodes = artifact()
    .abi.filter((entry) => entry.type === 'error')
    .map((entry) => contractErrorCode(entry.name))
  return [...new Set([...classCodes, ...errors.accessDenialCodes, ...revertCodes])].sort()
}

test('the node has error codes to translate (the scan finds them)', () => {
  const codes = allErrorCodes()
  for (const code of ['ERR_WRONG_PASSPHRASE', 'ERR_ACCESS_REVOKED', 'ERR_NOT_GOVERNOR'])
    assert.ok(codes.includes(code), code)
})

for (const [language, resource] of [
  ['English', en],
  ['Traditional Chinese', zhTW],
] as const) {
  test(`every error code of the node has a ${language} sentence`, () => {
    const translated = resource.errors.codes as Record<string, string>
    const missing = allErrorCodes().filter((code) => !translated[code])
    assert.deepEqual(missing, [], `add these under errors.codes in the ${language} file`)
  })
}

test('the Chinese sentences use the same details as the English ones', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort()
  const english = en.errors.codes as Record<string, string>
  const chinese = zhTW.errors.codes as Record<string, string>
  for (const [code, text] of Object.entries(english))
    assert.deepEqual(placeholders(chinese[code] ?? ''), placeholders(text), code)
})

test('a registry revert carries its arguments by name, times as ISO text, roles by name', () => {
  const registry = new Interface(artifact().abi as InterfaceAbi)
  const reader = '0x1111111111111111111111111111111111111111'
  const revert = (name: string, args: unknown[]) =>
    registry.parseError(registry.encodeErrorResult(name, args))!
  const denied = revert('AccessDenied', [reader, 7n, 3])
  assert.deepEqual(contractError(denied.name, denied.args).toJSON().details, {
    reader,
    recordId: 7,
    status: 3,
  })
  const expired = revert('SignatureExpired', [1_795_000_000n])
  assert.deepEqual(contractError(expired.name, expired.args).details, {
    deadline: new Date(1_795_000_000_000).toISOString(),
  })
  const role = revert('RoleCannotAnchor', [reader, 4])
  assert.equal(contractError(role.name, role.args).details?.role, 'pharmacist')
})

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { Interface, type InterfaceAbi } from 'ethers'
import { accessStatuses } from '../../electron/node/access/schemas.ts'
import { contractError, contractErrorCode } from '../../electron/node/chain/contract-errors.ts'
import * as errors from '../../electron/node/errors.ts'
import en from '../../renderer/src/i18n/en.json' with { type: 'json' }
import zhTW from '../../renderer/src/i18n/zh-TW.json' with { type: 'json' }

const { errorCodes, errorTable } = errors

function artifact(): { abi: { type: string; name: string }[] } {
  const url = new URL('../../contracts/artifacts/EMRRegistry.json', import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as { abi: { type: string; name: string }[] }
}

/** The names of the registry's custom errors, from the compiled ABI. */
function abiErrorNames(): string[] {
  return artifact()
    .abi.filter((entry) => entry.type === 'error')
    .map((entry) => entry.name)
    .sort()
}

/** What each entry of the error table is, by its fields. */
function entriesWith(field: 'name' | 'denial' | 'revert'): [string, Record<string, string>][] {
  return Object.entries(errorTable as Record<string, Record<string, string>>).filter(
    ([, entry]) => field in entry,
  )
}

test('the error table has every custom error of the registry, and only those', () => {
  const reverts = entriesWith('revert').map(([, entry]) => entry.revert!)
  assert.ok(abiErrorNames().length > 30, 'the ABI lists the registry errors')
  assert.deepEqual([...reverts].sort(), abiErrorNames(), 'add the missing ones to errors.ts')
})

test("a revert's code is ERR_ and the contract's name in upper snake case", () => {
  for (const name of abiErrorNames()) {
    const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()
    assert.equal(contractErrorCode(name), `ERR_${snake}`, name)
  }
  assert.equal(contractErrorCode('NoSuchError'), undefined)
})

test('every error class carries the name and default message of its code in the table', () => {
  const classes = Object.entries(errors).filter(
    ([, value]) => typeof value === 'function' && typeof Reflect.get(value, 'code') === 'string',
  ) as [string, new () => errors.EmrError][]
  assert.deepEqual(
    classes.map(([, value]) => Reflect.get(value, 'code') as string).sort(),
    entriesWith('name')
      .map(([code]) => code)
      .sort(),
    'one class per node code',
  )
  for (const [exported, ErrorClass] of classes) {
    const error = new ErrorClass()
    const entry = errorTable[error.code] as { name?: string; message?: string }
    assert.equal(error.name, exported, `${exported} is named after its export`)
    assert.equal(error.name, entry.name, error.code)
    assert.equal(error.message, entry.message, error.code)
  }
})

test('an access denial has one code per reason the chain gives, and says it', () => {
  const reasons = entriesWith('denial').map(([, entry]) => entry.denial!)
  assert.deepEqual(
    [...reasons].sort(),
    accessStatuses.filter((status) => status !== 'allowed').sort(),
  )
  const reader = '0x1111111111111111111111111111111111111111'
  const denied = new errors.AccessDeniedError('revoked', reader, 7)
  assert.ok(denied instanceof errors.EmrError)
  assert.equal(denied.reason, 'revoked')
  assert.deepEqual(denied.toJSON(), {
    name: 'AccessDeniedError',
    code: 'ERR_ACCESS_REVOKED',
    message: `${reader} had access, which the patient revoked (record 7).`,
    details: { reader, recordId: 7 },
  })
})

test('a registry revert is a ContractError with the error name as its reason', () => {
  const registry = new Interface(artifact().abi as InterfaceAbi)
  const account = '0x2222222222222222222222222222222222222222'
  const parsed = registry.parseError(registry.encodeErrorResult('AlreadyRegistered', [account]))!
  const error = contractError(parsed.name, parsed.args)
  assert.ok(error instanceof errors.ContractError)
  assert.equal(error.reason, 'AlreadyRegistered')
  // The wire form is what it was before the class: the UI and the CLI read name and code.
  assert.deepEqual(error.toJSON(), {
    name: 'ContractRevertedError',
    code: 'ERR_ALREADY_REGISTERED',
    message: `${account} is already registered.`,
    details: { account },
  })
  const unknown = contractError('NoSuchError', parsed.args)
  assert.equal(unknown.code, 'ERR_CONTRACT_REVERTED')
  assert.ok(!(unknown instanceof errors.ContractError))
})

for (const [language, resource] of [
  ['English', en],
  ['Traditional Chinese', zhTW],
] as const) {
  const translated = resource.errors.codes as Record<string, string>

  test(`every error code of the node has a ${language} sentence`, () => {
    assert.ok(errorCodes.length > 80, 'the table lists the codes')
    const missing = errorCodes.filter((code) => !translated[code])
    assert.deepEqual(missing, [], `add these under errors.codes in the ${language} file`)
  })

  test(`the ${language} file translates no code the node never sends`, () => {
    const known = new Set<string>(errorCodes)
    const stale = Object.keys(translated).filter((code) => !known.has(code))
    assert.deepEqual(stale, [], `remove these from errors.codes in the ${language} file`)
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

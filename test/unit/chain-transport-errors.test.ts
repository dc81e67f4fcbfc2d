import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeError } from 'ethers'
import { chainTransportError } from '../../electron/node/chain/transport-errors.ts'

const url = 'https://chain.consortium.example:8545'
const socketError = (code: string) => Object.assign(new Error(`connect ${code}`), { code })
const httpStatus = (statusCode: number) =>
  makeError(`server response ${statusCode}`, 'SERVER_ERROR', {
    request: undefined as never,
    response: { statusCode } as never,
  })

const outages: [label: string, error: unknown][] = [
  ['a refused connection', socketError('ECONNREFUSED')],
  ['a reset connection', socketError('ECONNRESET')],
  ['an unreachable host', socketError('EHOSTUNREACH')],
  ['an unknown host name', socketError('ENOTFOUND')],
  ['a socket timeout', socketError('ETIMEDOUT')],
  [
    "ethers' request timeout",
    makeError('timeout', 'TIMEOUT', { operation: 'request', reason: 'timeout' }),
  ],
  ["a proxy's bad gateway", httpStatus(502)],
  ["a proxy's service unavailable", httpStatus(503)],
  ["a proxy's gateway timeout", httpStatus(504)],
]
for (const [label, error] of outages) {
  test(`${label} is ERR_CHAIN_UNREACHABLE, naming the endpoint`, () => {
    const typed = chainTransportError(error, url)
    assert.equal(typed?.code, 'ERR_CHAIN_UNREACHABLE')
    assert.match(typed!.message, /chain\.consortium\.example/)
  })
}

test('a refused token is ERR_CHAIN_UNAUTHORIZED', () => {
  assert.equal(chainTransportError(httpStatus(401), url)?.code, 'ERR_CHAIN_UNAUTHORIZED')
  assert.equal(chainTransportError(httpStatus(403), url)?.code, 'ERR_CHAIN_UNAUTHORIZED')
})

test("the chain's own answers are not transport failures", () => {
  for (const error of [
    makeError('execution reverted', 'CALL_EXCEPTION', {
      action: 'call',
      data: '0x',
      reason: null,
      transaction: { to: null, data: '0x' },
      invocation: null,
      revert: null,
    }),
    makeError('nonce has already been used', 'NONCE_EXPIRED', { transaction: {} as never }),
    httpStatus(500),
    new Error('something else'),
    undefined,
  ]) {
    assert.equal(chainTransportError(error, url), undefined)
  }
})

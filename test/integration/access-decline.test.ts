import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { AccessOverview } from '../../electron/node/access/types.ts'
import { PASS, startClinic } from '../helpers/clinic.ts'

/**
 * A patient says no to a request. The chain has no refusal, so the decline is kept by this
 * node: the request leaves the patient's list, staff here see the answer, nothing is granted.
 */
describe('declining an access request', async () => {
  const { call, nurse, patient } = await startClinic()
  const patientAddress = patient.patient.address
  const expectCode = (code: string) => (error: { code?: string }) => error.code === code
  const overview = () => call<AccessOverview>('access.overview', { patient: patientAddress })

  await call('access.request', { patient: patientAddress, purpose: 'referral' })
  const [request] = (await overview()).requests
  await call('accounts.importKeystore', {
    label: 'Patient',
    json: patient.keystoreJson,
    passphrase: patient.passphrase,
  })

  test('staff cannot decline for the patient', async () => {
    const input = { patient: patientAddress, requestTxHash: request!.txHash }
    await assert.rejects(call('access.decline', input), expectCode('ERR_FORBIDDEN'))
  })

  test('the patient declines their request; nothing is granted', async () => {
    await call('session.signIn', { address: patientAddress, passphrase: patient.passphrase })
    const { declinedAt } = await call<{ declinedAt: string }>('access.decline', {
      patient: patientAddress,
      requestTxHash: request!.txHash,
    })
    const after = await overview()
    assert.equal(after.requests[0]!.declinedAt, declinedAt)
    assert.equal(after.requests[0]!.answered, false)
    assert.deepEqual(after.grants, [])
  })

  test('a request that does not exist, or is not theirs, cannot be declined', async () => {
    const unknown = { patient: patientAddress, requestTxHash: `0x${'ab'.repeat(32)}` }
    await assert.rejects(call('access.decline', unknown), expectCode('ERR_INVALID_INPUT'))
  })

  test('the staff member sees the answer on this node', async () => {
    await call('session.signIn', { address: nurse, passphrase: PASS })
    const seen = await overview()
    assert.ok(seen.requests[0]!.declinedAt)
  })
})

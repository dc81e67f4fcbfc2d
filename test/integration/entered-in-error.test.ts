import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import type { OpenedRecord, RecordView } from '../../electron/node/records/types.ts'
import { startClinic, uploadFile } from '../helpers/clinic.ts'

const ct = await readFile(new URL('../fixtures/CT_small.dcm', import.meta.url))
const expectCode = (code: string) => (error: { code?: string }) => error.code === code

describe('a record version entered in error', async () => {
  const { node, call, patient, nurse } = await startClinic()
  const patientAddress = patient.patient.address
  const uploaded = await uploadFile(call, { patient: patientAddress, bytes: ct })
  const listed = async () =>
    (await call<RecordView[]>('records.list', { patient: patientAddress }))[0]!.versions[0]!

  test('is marked on chain with its reason; the list says why, by whom and when', async () => {
    assert.equal((await listed()).enteredInError, null)
    const receipt = await call<{ txHash: string; blockNumber: number }>(
      'records.markEnteredInError',
      { recordId: uploaded.recordId, version: uploaded.version, reason: 'wrong-patient' },
    )
    const [event] = node.chain.indexer.events('RecordEnteredInError')
    assert.deepEqual(
      [event?.args.recordId, event?.args.version, event?.args.reason, event?.txHash],
      [String(uploaded.recordId), '1', '1', receipt.txHash],
    )
    const mark = (await listed()).enteredInError
    assert.equal(mark?.reason, 'wrong-patient')
    assert.equal(mark?.by.toLowerCase(), nurse.toLowerCase())
    assert.equal(mark?.blockNumber, receipt.blockNumber)
    assert.ok(mark?.at && !Number.isNaN(Date.parse(mark.at)), `a time: ${mark?.at}`)
  })

  test('stays readable', async () => {
    const opened = await call<OpenedRecord>('records.open', { cid: uploaded.cid })
    assert.ok(Buffer.from(opened.contentBase64, 'base64').equals(ct))
  })

  test('is marked once; an unknown version or reason is refused', async () => {
    const mark = { recordId: uploaded.recordId, version: 1, reason: 'duplicate' }
    await assert.rejects(
      call('records.markEnteredInError', mark),
      expectCode('ERR_ALREADY_ENTERED_IN_ERROR'),
    )
    await assert.rejects(
      call('records.markEnteredInError', { ...mark, version: 2 }),
      expectCode('ERR_UNKNOWN_VERSION'),
    )
    await assert.rejects(
      call('records.markEnteredInError', { ...mark, reason: 'typo' }),
      expectCode('ERR_INVALID_INPUT'),
    )
    assert.equal(node.chain.indexer.events('RecordEnteredInError').length, 1)
    assert.equal((await listed()).enteredInError?.reason, 'wrong-patient', 'the first reason stays')
  })
})

import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { after, describe, test } from 'node:test'
import { sampleRanges } from '../../electron/node/records/resume-sample.ts'
import type {
  OpenedRecord,
  UploadInProgressView,
  UploadResult,
} from '../../electron/node/records/types.ts'
import { UploadSessions } from '../../electron/node/records/upload-sessions.ts'
import { PASS, startClinic } from '../helpers/clinic.ts'

const CHUNK = 1024 * 1024
const expectCode = (code: string) => (error: { code?: string }) => error.code === code

/** What the UI sends to resume: the file's size and the SHA-256 of its sampled ranges. */
function resumeRequest(uploadId: string, file: Uint8Array, received: number) {
  const { head, tail } = sampleRanges(received)
  const digest = ([start, end]: [number, number]) =>
    createHash('sha256').update(file.subarray(start, end)).digest('hex')
  return { uploadId, size: file.length, received, head: digest(head), tail: digest(tail) }
}

describe('uploads that outlive their page', async () => {
  const { node, call, patient, nurse, network } = await startClinic()
  const file = randomBytes(3 * CHUNK + 123)
  const anchored = () => node.chain.indexer.events('RecordAnchored').length
  const uploadState = (uploadId: string) =>
    (node.db.prepare('SELECT state FROM uploads WHERE id = ?').get(uploadId) as { state: string })
      .state

  const start = (size: number, fileName = 'series.dcm') =>
    call<{ uploadId: string }>('records.uploadStart', {
      patient: patient.patient.address,
      size,
      details: {
        title: 'CT series',
        category: 'imaging',
        dateOfCare: '2026-11-20',
        fileName,
        mime: 'application/dicom',
      },
    })
  const send = async (uploadId: string, from: number, to: number) => {
    for (let offset = from; offset < to; offset += CHUNK) {
      const data = file.subarray(offset, Math.min(to, offset + CHUNK)).toString('base64')
      await call('records.uploadChunk', { uploadId, data })
    }
  }

  test('an upload left mid-file is listed for its uploader and resumes with the same file', async () => {
    const before = anchored()
    const { uploadId } = await start(file.length)
    await send(uploadId, 0, 2 * CHUNK)
    // The page is reloaded here: nothing more arrives until the uploader comes back.
    const listed = await call<UploadInProgressView[]>('records.uploadsInProgress')
    assert.deepEqual(
      listed.map((upload) => [upload.uploadId, upload.fileName, upload.size, upload.received]),
      [[uploadId, 'series.dcm', file.length, 2 * CHUNK]],
    )
    assert.equal(listed[0]!.patient, patient.patient.address)

    // Another file of the same size is refused: one that differs just before where it stopped,
    // one that differs at its start, and one of another size.
    const changedTail = Buffer.from(file)
    changedTail[2 * CHUNK - 1]! ^= 1
    const changedHead = Buffer.from(file)
    changedHead[10]! ^= 1
    for (const other of [changedTail, changedHead, file.subarray(0, file.length - 1)]) {
      await assert.rejects(
        call('records.uploadResume', resumeRequest(uploadId, other, 2 * CHUNK)),
        expectCode('ERR_UPLOAD_FILE_MISMATCH'),
      )
    }

    const { received } = await call<{ received: number }>(
      'records.uploadResume',
      resumeRequest(uploadId, file, 2 * CHUNK),
    )
    assert.equal(received, 2 * CHUNK)
    await send(uploadId, received, file.length)
    const result = await call<UploadResult>('records.uploadFinish', { uploadId })
    assert.equal(anchored(), before + 1)
    const opened = await call<OpenedRecord>('records.open', { cid: result.cid })
    assert.ok(Buffer.from(opened.contentBase64, 'base64').equals(file), 'the whole file, in order')
    assert.deepEqual(await call('records.uploadsInProgress'), [])
  })

  test('only its uploader sees or resumes it; discarding rolls it back', async () => {
    const { uploadId } = await start(file.length, 'left.dcm')
    await send(uploadId, 0, CHUNK)
    await call('session.signIn', { address: network.admin, passphrase: PASS })
    assert.deepEqual(await call('records.uploadsInProgress'), [])
    await assert.rejects(
      call('records.uploadResume', resumeRequest(uploadId, file, CHUNK)),
      expectCode('ERR_UPLOAD_NOT_FOUND'),
    )
    await call('session.signIn', { address: nurse, passphrase: PASS })
    const [listed] = await call<UploadInProgressView[]>('records.uploadsInProgress')
    assert.equal(listed?.uploadId, uploadId)

    await call('records.uploadCancel', { uploadId })
    assert.deepEqual(await call('records.uploadsInProgress'), [])
    assert.equal(uploadState(uploadId), 'rolled-back')
    await assert.rejects(
      call('records.uploadChunk', {
        uploadId,
        data: file.subarray(CHUNK, 2 * CHUNK).toString('base64'),
      }),
      expectCode('ERR_UPLOAD_NOT_FOUND'),
    )
  })

  test('a cancelled upload deletes the blocks it wrote', async () => {
    const sizeBefore = await node.ipfs.repoSizeBytes()
    // Large enough that blocks reach the repo before the end: they are written in batches.
    const large = randomBytes(64 * CHUNK)
    const { uploadId } = await start(large.length, 'cancelled.dcm')
    for (let offset = 0; offset < 48 * CHUNK; offset += CHUNK) {
      const data = large.subarray(offset, offset + CHUNK).toString('base64')
      await call('records.uploadChunk', { uploadId, data })
    }
    assert.ok((await node.ipfs.repoSizeBytes()) > sizeBefore, 'some blocks were written')
    await call('records.uploadCancel', { uploadId })
    assert.equal(await node.ipfs.repoSizeBytes(), sizeBefore)
  })

  test('an upload that takes no chunk for ten minutes is rolled back', async () => {
    let now = 1_000_000
    const sessions = new UploadSessions(node, { now: () => now, sweepEveryMs: 3_600_000 })
    after(() => sessions.stop())
    const before = anchored()
    const { uploadId } = await sessions.start({
      patient: patient.patient.address,
      size: file.length,
      details: {
        title: 'Left behind',
        category: 'imaging',
        dateOfCare: '2026-11-20',
        fileName: 'left.dcm',
        mime: 'application/dicom',
      },
    })
    await sessions.chunk(uploadId, file.subarray(0, CHUNK))
    now += 9 * 60_000
    assert.equal(await sessions.settleAbandoned(), 0, 'nine minutes idle is not abandoned')
    // Resuming counts as activity: the clock starts again.
    sessions.resume(resumeRequest(uploadId, file, CHUNK))
    now += 9 * 60_000
    assert.equal(await sessions.settleAbandoned(), 0)
    now += 60_000
    assert.equal(await sessions.settleAbandoned(), 1)

    assert.equal(uploadState(uploadId), 'rolled-back')
    assert.deepEqual(sessions.inProgress(), [])
    await assert.rejects(
      sessions.chunk(uploadId, file.subarray(CHUNK, 2 * CHUNK)),
      expectCode('ERR_UPLOAD_NOT_FOUND'),
    )
    assert.equal(anchored(), before, 'nothing anchored')
  })

  test('an empty file is refused before it starts, and when no byte arrives', async () => {
    await assert.rejects(start(0, 'empty.json'), expectCode('ERR_EMPTY_FILE'))
    const before = anchored()
    const { uploadId } = await start(10, 'said-ten.json')
    await assert.rejects(call('records.uploadFinish', { uploadId }), expectCode('ERR_EMPTY_FILE'))
    assert.equal(uploadState(uploadId), 'rolled-back')
    assert.equal(anchored(), before)
  })
})

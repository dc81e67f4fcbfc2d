import { setUpClinic } from './clinic-setup.ts'
import { startTestNode } from './node.ts'

export { PASS } from './clinic-setup.ts'

/** A real node with a set-up network (see `setUpClinic`), stopped after the test file. */
export async function startClinic(options: Parameters<typeof startTestNode>[0] = {}) {
  const started = await startTestNode(options)
  return { ...started, ...(await setUpClinic(started.call)) }
}

/** Sends a file through the chunked upload api, as the UI does. */
export async function uploadFile(
  call: <T>(method: string, input?: unknown) => Promise<T>,
  input: {
    patient: string
    recordId?: number
    bytes: Uint8Array
    title?: string
    fileName?: string
    mime?: string
  },
) {
  const { uploadId } = await call<{ uploadId: string }>('records.uploadStart', {
    patient: input.patient,
    recordId: input.recordId,
    size: input.bytes.length,
    details: {
      title: input.title ?? 'Chest X-ray',
      category: 'imaging',
      dateOfCare: '2026-11-20',
      fileName: input.fileName ?? 'scan.dcm',
      mime: input.mime ?? 'application/dicom',
    },
  })
  const chunk = 1024 * 1024
  for (let offset = 0; offset < input.bytes.length; offset += chunk) {
    const data = Buffer.from(input.bytes.subarray(offset, offset + chunk)).toString('base64')
    await call('records.uploadChunk', { uploadId, data })
  }
  return call<{ recordId: number; version: number; cid: string; receipt: { gasUsed: string } }>(
    'records.uploadFinish',
    { uploadId },
  )
}

/**
 * Peak memory of one 1 GiB upload, in a fresh process: `upload-memory-child.ts MODE` where MODE
 * is `upload` (the node's pipeline) or `hash` (the baseline: SHA-256 of the same file). Prints
 * `{ peakMiB, startMiB }`: resident memory before the work and its peak during it.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { prepareUpload, readFileForUpload, runUpload } from '../electron/node/records/upload.ts'
import { startBenchClinic } from './clinic.ts'
import { hashFile, peakMemoryDuring, writeRandomFile } from './random-file.ts'

const mode = process.argv[2]
const clinic = await startBenchClinic()
const dir = await mkdtemp(join(tmpdir(), 'emr-bench-1g-'))
const path = join(dir, 'study.bin')
await writeRandomFile(path, 2 ** 30)
try {
  const { peakMiB, startMiB } = await peakMemoryDuring(async () => {
    if (mode === 'hash') return hashFile(path)
    const prepared = await prepareUpload(clinic.node, {
      patient: clinic.patient,
      size: (await stat(path)).size,
      details: {
        title: 'study',
        category: 'imaging',
        dateOfCare: '2026-11-20',
        fileName: 'study.dcm',
        mime: 'application/dicom',
      },
    })
    return runUpload(clinic.node, prepared, readFileForUpload(path))
  })
  process.stdout.write(`${JSON.stringify({ peakMiB, startMiB })}\n`)
} finally {
  await clinic.stop()
  await rm(dir, { recursive: true, force: true })
}

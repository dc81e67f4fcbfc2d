import { randomBytes, createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import { readFileForUpload } from '../electron/node/records/upload.ts'

/** Writes `bytes` of random data to `path`, 1 MiB at a time. */
export async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const file = await open(path, 'w')
  try {
    for (let written = 0; written < bytes; written += 1024 * 1024) {
      await file.write(randomBytes(Math.min(1024 * 1024, bytes - written)))
    }
  } finally {
    await file.close()
  }
}

/** The baseline of the upload figures: plain SHA-256 of the file, read the same way. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of readFileForUpload(path)) hash.update(chunk)
  return hash.digest('hex')
}

/** Samples this process's resident memory while `work` runs; returns the peak above the start. */
export async function peakMemoryDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakMiB: number; startMiB: number }> {
  const startMiB = process.memoryUsage.rss() / 2 ** 20
  let peakMiB = startMiB
  const timer = setInterval(
    () => (peakMiB = Math.max(peakMiB, process.memoryUsage.rss() / 2 ** 20)),
    20,
  )
  try {
    const result = await work()
    peakMiB = Math.max(peakMiB, process.memoryUsage.rss() / 2 ** 20)
    return { result, peakMiB, startMiB }
  } finally {
    clearInterval(timer)
  }
}

import { sampleRanges } from '../../../../../electron/node/records/resume-sample.ts'

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** What the node compares to recognise the file of an upload it took `received` bytes of. */
export async function fileSample(file: Blob, received: number) {
  const { head, tail } = sampleRanges(received)
  return {
    size: file.size,
    received,
    head: await sha256Hex(file.slice(...head)),
    tail: await sha256Hex(file.slice(...tail)),
  }
}

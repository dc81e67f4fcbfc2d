import { MAX_CHUNK_BYTES } from '../../../../../electron/node/records/schemas.ts'
import { emr } from '../../../api/emr.ts'
import { readBase64 } from './readBase64.ts'

/**
 * Sends a file to an open upload from byte `from` on, in chunks of at most 4 MiB that each wait
 * until the node has taken them. Returns false when `stopped` said to stop between chunks.
 */
export async function sendFile(
  uploadId: string,
  file: Blob,
  from: number,
  options: { stopped: () => boolean; onSent: (loaded: number) => void },
): Promise<boolean> {
  for (let offset = from; offset < file.size; offset += MAX_CHUNK_BYTES) {
    if (options.stopped()) return false
    const data = await readBase64(file.slice(offset, offset + MAX_CHUNK_BYTES))
    await emr.records.uploadChunk({ uploadId, data })
    options.onSent(Math.min(file.size, offset + MAX_CHUNK_BYTES))
  }
  return !options.stopped()
}

/**
 * Uploads over the api: the UI sends a file in chunks (IPC and HTTP carry messages, not streams).
 * Each chunk waits until the pipeline has taken it, so the node holds at most one chunk per
 * upload however large the file.
 */
import { UploadNotFoundError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import type { UploadResult } from './types.ts'
import { prepareUpload, runUpload, type UploadInput } from './upload.ts'

interface Handoff {
  chunk: Uint8Array | null
  taken: () => void
  failed: (error: unknown) => void
}

/** A one-slot channel from api calls to the upload's async iterable. */
class ChunkChannel {
  #waiting: { resolve: (handoff: Handoff) => void; reject: (error: unknown) => void } | undefined
  #pending: Handoff[] = []
  #error: unknown

  push(chunk: Uint8Array | null): Promise<void> {
    if (this.#error) return Promise.reject(this.#error)
    return new Promise((taken, failed) => {
      const handoff = { chunk, taken, failed }
      if (this.#waiting) {
        this.#waiting.resolve(handoff)
        this.#waiting = undefined
      } else {
        this.#pending.push(handoff)
      }
    })
  }

  /** Ends the channel: pending and later pushes fail, and so does the reading side. */
  fail(error: unknown): void {
    this.#error = error
    for (const handoff of this.#pending.splice(0)) handoff.failed(error)
    this.#waiting?.reject(error)
    this.#waiting = undefined
  }

  async *chunks(): AsyncIterable<Uint8Array> {
    for (;;) {
      const handoff =
        this.#pending.shift() ??
        (await new Promise<Handoff>((resolve, reject) => {
          if (this.#error) reject(this.#error)
          else this.#waiting = { resolve, reject }
        }))
      handoff.taken()
      if (handoff.chunk === null) return
      yield handoff.chunk
    }
  }
}

interface ActiveUpload {
  channel: ChunkChannel
  result: Promise<UploadResult>
}

export class UploadSessions {
  readonly #node: HospitalNode
  readonly #active = new Map<string, ActiveUpload>()

  constructor(node: HospitalNode) {
    this.#node = node
  }

  /** Checks everything that can refuse the upload, then opens it for chunks. */
  async start(input: UploadInput): Promise<{ uploadId: string }> {
    const prepared = await prepareUpload(this.#node, input)
    const channel = new ChunkChannel()
    const result = runUpload(this.#node, prepared, channel.chunks(), (phase, loaded) =>
      this.#node.events.emit('progress', {
        operationId: prepared.id,
        phase,
        loaded,
        total: input.size,
      }),
    )
    result.catch((error: unknown) => channel.fail(error))
    this.#active.set(prepared.id, { channel, result })
    return { uploadId: prepared.id }
  }

  async chunk(uploadId: string, data: Uint8Array): Promise<{ received: number }> {
    await this.#get(uploadId).channel.push(data)
    return { received: data.length }
  }

  async finish(uploadId: string): Promise<UploadResult> {
    const upload = this.#get(uploadId)
    try {
      await upload.channel.push(null)
      return await upload.result
    } finally {
      this.#active.delete(uploadId)
    }
  }

  async cancel(uploadId: string): Promise<void> {
    const upload = this.#active.get(uploadId)
    if (!upload) return
    this.#active.delete(uploadId)
    upload.channel.fail(new UploadNotFoundError('The upload was cancelled'))
    await upload.result.catch(() => {})
  }

  #get(uploadId: string): ActiveUpload {
    const upload = this.#active.get(uploadId)
    if (!upload) throw new UploadNotFoundError(`No upload in progress with id ${uploadId}`)
    return upload
  }
}

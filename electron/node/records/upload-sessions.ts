/**
 * Uploads over the api: the UI sends a file in chunks (IPC and HTTP carry messages, not streams).
 * Each chunk waits until the pipeline has taken it, so the node holds at most one chunk per
 * upload however large the file.
 *
 * An upload outlives the page that started it: after a reload the uploader lists their uploads
 * still taking chunks and resumes one by handing the same file again (recognised by its size and
 * samples, `resume-sample.ts`), or discards it. One that takes no chunk for `abandonAfterMs` is
 * rolled back like a cancelled one; a node restart rolls back the rest (`recoverUploads`).
 */
import { createHash } from 'node:crypto'
import { UploadFileMismatchError, UploadNotFoundError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { SAMPLE_BYTES, sampleRanges, type UploadResumeInput } from './resume-sample.ts'
import type { UploadInProgressView, UploadResult } from './types.ts'
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

/** The bytes a resumed upload's file must match: the first and the latest taken. */
class ReceivedSample {
  #head = Buffer.alloc(0)
  #tail = Buffer.alloc(0)
  received = 0

  add(chunk: Uint8Array): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    if (this.#head.length < SAMPLE_BYTES) {
      this.#head = Buffer.concat([this.#head, bytes.subarray(0, SAMPLE_BYTES - this.#head.length)])
    }
    // Copies, never views: the pipeline may reuse a chunk's memory once it has taken it.
    this.#tail =
      bytes.length >= SAMPLE_BYTES
        ? Buffer.from(bytes.subarray(bytes.length - SAMPLE_BYTES))
        : Buffer.concat([this.#tail, bytes]).subarray(-SAMPLE_BYTES)
    this.received += bytes.length
  }

  /** Whether these digests are of this sample's ranges (`sampleRanges(received)`). */
  matches(head: string, tail: string): boolean {
    const { head: headRange, tail: tailRange } = sampleRanges(this.received)
    const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
    return (
      digest(this.#head.subarray(0, headRange[1])) === head &&
      digest(this.#tail.subarray(this.#tail.length - (tailRange[1] - tailRange[0]))) === tail
    )
  }
}

interface ActiveUpload {
  channel: ChunkChannel
  result: Promise<UploadResult>
  /** The account that started it: only it lists, resumes or discards it. */
  uploader: string
  input: UploadInput & { patient: string }
  sample: ReceivedSample
  startedAt: string
  /** When it last took a chunk, started or resumed (milliseconds, from `now`). */
  lastActive: number
  /** Finish was called: it is anchoring, past resuming or abandoning. */
  finishing: boolean
}

export interface UploadSessionsOptions {
  /** An upload that takes no chunk for this long is rolled back. @default 10 minutes */
  abandonAfterMs?: number
  /** How often abandoned uploads are looked for. @default 1 minute */
  sweepEveryMs?: number
  /** The clock, in milliseconds. @default Date.now */
  now?: () => number
}

export class UploadSessions {
  readonly #node: HospitalNode
  readonly #active = new Map<string, ActiveUpload>()
  readonly #abandonAfterMs: number
  readonly #now: () => number
  readonly #sweeper: NodeJS.Timeout

  constructor(node: HospitalNode, options: UploadSessionsOptions = {}) {
    this.#node = node
    this.#abandonAfterMs = options.abandonAfterMs ?? 10 * 60_000
    this.#now = options.now ?? Date.now
    this.#sweeper = setInterval(() => {
      this.settleAbandoned().catch((error: unknown) =>
        node.log.warn('settling abandoned uploads failed', { error: String(error) }),
      )
    }, options.sweepEveryMs ?? 60_000)
    this.#sweeper.unref()
  }

  /** Checks everything that can refuse the upload, then opens it for chunks. */
  async start(input: UploadInput): Promise<{ uploadId: string }> {
    const prepared = await prepareUpload(this.#node, input)
    const uploader = this.#node.vault.requireSession().address
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
    this.#active.set(prepared.id, {
      channel,
      result,
      uploader,
      input: prepared.input,
      sample: new ReceivedSample(),
      startedAt: new Date(this.#now()).toISOString(),
      lastActive: this.#now(),
      finishing: false,
    })
    return { uploadId: prepared.id }
  }

  async chunk(uploadId: string, data: Uint8Array): Promise<{ received: number }> {
    const upload = this.#get(uploadId)
    upload.lastActive = this.#now()
    const taken = upload.channel.push(data)
    // Counted when handed over: the pipeline takes every chunk pushed before it fails.
    upload.sample.add(data)
    await taken
    upload.lastActive = this.#now()
    return { received: data.length }
  }

  async finish(uploadId: string): Promise<UploadResult> {
    const upload = this.#get(uploadId)
    upload.finishing = true
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

  /** The signed-in account's uploads still taking chunks, oldest first. */
  inProgress(): UploadInProgressView[] {
    const uploader = this.#node.vault.requireSession().address
    return [...this.#active.entries()]
      .filter(([, upload]) => upload.uploader === uploader && !upload.finishing)
      .map(([uploadId, { input, sample, startedAt }]) => ({
        uploadId,
        patient: input.patient,
        recordId: input.recordId ?? null,
        title: input.details.title,
        fileName: input.details.fileName,
        size: input.size,
        received: sample.received,
        startedAt,
      }))
  }

  /**
   * Takes an upload up again after its page was reloaded: the file handed again must be the
   * one it started with (same size, same samples), and its chunks follow from `received`.
   */
  resume(request: UploadResumeInput): { received: number } {
    const upload = this.#active.get(request.uploadId)
    const uploader = this.#node.vault.requireSession().address
    if (!upload || upload.uploader !== uploader || upload.finishing) {
      throw new UploadNotFoundError(`No upload of yours in progress with id ${request.uploadId}`)
    }
    const { sample, input } = upload
    if (
      request.size !== input.size ||
      request.received !== sample.received ||
      !sample.matches(request.head, request.tail)
    ) {
      throw new UploadFileMismatchError(
        `The file handed again is not the one upload ${request.uploadId} started with`,
      )
    }
    upload.lastActive = this.#now()
    return { received: sample.received }
  }

  /** Rolls back every upload that has taken no chunk for `abandonAfterMs`. */
  async settleAbandoned(): Promise<number> {
    const idleSince = this.#now() - this.#abandonAfterMs
    const abandoned = [...this.#active.entries()].filter(
      ([, upload]) => !upload.finishing && upload.lastActive <= idleSince,
    )
    for (const [uploadId] of abandoned) await this.cancel(uploadId)
    if (abandoned.length > 0) {
      this.#node.log.info('abandoned uploads rolled back', { count: abandoned.length })
    }
    return abandoned.length
  }

  /** Stops looking for abandoned uploads (the node is stopping). */
  stop(): void {
    clearInterval(this.#sweeper)
  }

  #get(uploadId: string): ActiveUpload {
    const upload = this.#active.get(uploadId)
    if (!upload) throw new UploadNotFoundError(`No upload in progress with id ${uploadId}`)
    return upload
  }
}

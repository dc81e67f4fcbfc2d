/**
 * SHA-256 on a worker thread. An upload hashes every byte twice (the plaintext for its sealed
 * metadata, each ciphertext block for its CID); on the main thread those passes cost more than
 * the encryption, so they run here beside it and the main thread only moves bytes.
 *
 * Buffers go to the worker and come back (transferred, not copied), so they are reused rather
 * than left to the garbage collector: buffers transferred in are not counted as external memory
 * by V8, and an upload of 1 GiB that dropped them piled up hundreds of MiB before a collection.
 * The worker is started on first use, shared by the process, and does not keep the process alive
 * while nothing is pending.
 */
import { Worker } from 'node:worker_threads'

/** The worker's code, plain CommonJS so it runs unbundled from the shell, the CLI and tests. */
const SOURCE = `
const { parentPort } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const streams = new Map()
parentPort.on('message', (message) => {
  try {
    if (message.op === 'digest') {
      const digest = createHash('sha256').update(message.bytes).digest()
      parentPort.postMessage({ id: message.id, digest, bytes: message.bytes }, [message.bytes.buffer])
    } else if (message.op === 'update') {
      let hash = streams.get(message.stream)
      if (hash === undefined) streams.set(message.stream, (hash = createHash('sha256')))
      hash.update(message.bytes)
      parentPort.postMessage({ id: message.id, bytes: message.bytes }, [message.bytes.buffer])
    } else if (message.op === 'final') {
      const hash = streams.get(message.stream) ?? createHash('sha256')
      streams.delete(message.stream)
      parentPort.postMessage({ id: message.id, digest: hash.digest() })
    } else if (message.op === 'drop') {
      streams.delete(message.stream)
    }
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error) })
  }
})
`

interface Reply {
  id: number
  digest?: Uint8Array
  bytes?: Uint8Array
  error?: string
}

interface Pending {
  resolve: (reply: Reply) => void
  reject: (error: unknown) => void
}

/**
 * A stream's bytes go to the worker in copies of up to 1 MiB, in at most 8 buffers that come
 * back to be reused: the stream's memory is bounded and it allocates nothing once started.
 */
const PIECE_SIZE = 1024 * 1024
const STREAM_BUFFERS = 8

/** An incremental SHA-256 computed on the worker. */
export interface WorkerHash {
  /**
   * Copies `bytes` to the worker (the caller keeps its buffer). Resolves at once unless the
   * worker is several MiB behind.
   */
  update(bytes: Uint8Array): Promise<void>
  /** The SHA-256 of everything passed to `update`. */
  digest(): Promise<Buffer>
  /** Forgets the hash, e.g. when the upload failed. */
  drop(): void
}

class HashWorker {
  #worker: Worker | undefined
  readonly #pending = new Map<number, Pending>()
  #nextId = 1
  #nextStream = 1

  /**
   * SHA-256 of `bytes`, transferred to the worker and back: the caller's view is detached, and
   * the result holds the same bytes (a view of the same range of the same buffer).
   */
  async digest(bytes: Uint8Array): Promise<{ digest: Buffer; bytes: Uint8Array }> {
    const reply = await this.#request(this.#started(), { op: 'digest', bytes }, [
      bytes.buffer as ArrayBuffer,
    ])
    return { digest: Buffer.from(reply.digest!), bytes: reply.bytes! }
  }

  stream(): WorkerHash {
    const stream = this.#nextStream++
    // A stream lives in one worker: if that worker died, its digest fails rather than being
    // computed over part of the bytes.
    const worker = this.#started()
    const free: ArrayBuffer[] = []
    const queued: Promise<Reply>[] = []
    const next = async () => free.push((await queued.shift()!).bytes!.buffer as ArrayBuffer)
    return {
      update: async (bytes) => {
        for (let offset = 0; offset < bytes.length; offset += PIECE_SIZE) {
          const piece = bytes.subarray(offset, offset + PIECE_SIZE)
          const buffer = free.pop() ?? new ArrayBuffer(PIECE_SIZE)
          const copy = new Uint8Array(buffer, 0, piece.length)
          copy.set(piece)
          const done = this.#request(worker, { op: 'update', stream, bytes: copy }, [buffer])
          // Awaited below or by `digest`; this only keeps a failure from being reported meanwhile.
          done.catch(() => {})
          queued.push(done)
          while (queued.length >= STREAM_BUFFERS) await next()
        }
      },
      digest: async () => {
        while (queued.length > 0) await next()
        return Buffer.from((await this.#request(worker, { op: 'final', stream }, [])).digest!)
      },
      drop: () => worker.postMessage({ op: 'drop', stream }),
    }
  }

  #request(worker: Worker, message: object, transfer: ArrayBuffer[]): Promise<Reply> {
    if (worker !== this.#worker) return Promise.reject(new Error('The SHA-256 worker stopped'))
    const id = this.#nextId++
    return new Promise<Reply>((resolve, reject) => {
      if (this.#pending.size === 0) worker.ref()
      this.#pending.set(id, { resolve, reject })
      worker.postMessage({ ...message, id }, transfer)
    })
  }

  #started(): Worker {
    if (this.#worker) return this.#worker
    const worker = new Worker(SOURCE, { eval: true })
    worker.unref()
    worker.on('message', (reply: Reply) => {
      const pending = this.#pending.get(reply.id)
      if (!pending) return
      this.#settled(reply.id)
      if (reply.error === undefined) pending.resolve(reply)
      else pending.reject(new Error(`SHA-256 worker: ${reply.error}`))
    })
    const fail = (error: unknown) => {
      if (this.#worker !== worker) return
      this.#worker = undefined
      for (const [id, pending] of this.#pending) {
        this.#settled(id)
        pending.reject(error)
      }
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`The SHA-256 worker exited with code ${code}`)))
    this.#worker = worker
    return worker
  }

  #settled(id: number): void {
    this.#pending.delete(id)
    if (this.#pending.size === 0) this.#worker?.unref()
  }
}

/** The process's hashing worker. */
export const hashWorker = new HashWorker()

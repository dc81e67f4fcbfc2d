/**
 * Hashing and sealing on worker threads. An upload hashes every byte twice (the plaintext for its
 * sealed metadata, each ciphertext block for its CID) and encrypts it once; on the main thread
 * that work, and the garbage of the cipher's output (each full collection marks the node's whole
 * heap, about 70 MB), cost more than everything else, so it runs here and the main thread moves
 * bytes.
 *
 * Buffers go to the worker and come back (transferred, not copied), so they are reused rather
 * than left to the garbage collector: buffers transferred in are not counted as external memory
 * by V8, and an upload of 1 GiB that dropped them piled up hundreds of MiB before a collection.
 * Each worker is started on first use, shared by the process, and does not keep the process
 * alive while nothing is pending.
 */
import { Worker } from 'node:worker_threads'

/** The worker's code, plain CommonJS so it runs unbundled from the shell, the CLI and tests. */
const SOURCE = `
const { parentPort } = require('node:worker_threads')
const { createCipheriv, createHash } = require('node:crypto')
const streams = new Map()
parentPort.on('message', (message) => {
  try {
    if (message.op === 'seal') {
      const { key, nonce, aad, plaintext, block, prefix } = message
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 })
      cipher.setAAD(aad)
      block.set(prefix, 0)
      const ciphertext = cipher.update(plaintext)
      cipher.final()
      block.set(ciphertext, prefix.length)
      block.set(cipher.getAuthTag(), prefix.length + ciphertext.length)
      const bytes = block.subarray(0, prefix.length + ciphertext.length + 16)
      const digest = createHash('sha256').update(bytes).digest()
      parentPort.postMessage({ id: message.id, digest, bytes, plaintext }, [block.buffer, plaintext.buffer])
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
  plaintext?: Uint8Array
  error?: string
}

/**
 * One segment to seal into an IPFS block: AES-256-GCM of `plaintext` under `key`, `nonce` and
 * `aad`, written into `block` after `prefix` and followed by the tag; then the block's SHA-256.
 */
export interface SealJob {
  key: Uint8Array
  nonce: Uint8Array
  aad: Uint8Array
  prefix: Uint8Array
  /** Transferred to the worker, and handed back in the result. */
  plaintext: Uint8Array
  /** Room for prefix, ciphertext and tag; transferred, and handed back filled. */
  block: Uint8Array
}

export interface SealedBlock {
  /** The block: a view of the job's `block` buffer, as long as it came out. */
  bytes: Uint8Array
  /** SHA-256 of `bytes`. */
  digest: Buffer
  /** The job's plaintext, back for reuse. */
  plaintext: Uint8Array
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

export class CryptoWorker {
  #worker: Worker | undefined
  readonly #pending = new Map<number, Pending>()
  #nextId = 1
  #nextStream = 1

  /** Seals and hashes one segment; the job's two buffers are the caller's again in the result. */
  async seal(job: SealJob): Promise<SealedBlock> {
    const reply = await this.#request(this.#started(), { op: 'seal', ...job }, [
      job.plaintext.buffer as ArrayBuffer,
      job.block.buffer as ArrayBuffer,
    ])
    return { bytes: reply.bytes!, digest: Buffer.from(reply.digest!), plaintext: reply.plaintext! }
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
    if (worker !== this.#worker) return Promise.reject(new Error('The crypto worker stopped'))
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
      else pending.reject(new Error(`Crypto worker: ${reply.error}`))
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
    worker.on('exit', (code) => fail(new Error(`The crypto worker exited with code ${code}`)))
    this.#worker = worker
    return worker
  }

  #settled(id: number): void {
    this.#pending.delete(id)
    if (this.#pending.size === 0) this.#worker?.unref()
  }
}

/** The process's hashing worker: the plaintext SHA-256 of uploads. */
export const hashWorker = new CryptoWorker()

/** The workers uploads seal their segments on, in turn: two keep both cores busy. */
export const sealWorkers = [new CryptoWorker(), new CryptoWorker()]

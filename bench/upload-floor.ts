/**
 * The least work an upload of a file must do, and nothing else: one thread hashes the plaintext
 * (SHA-256, as the baseline does) while two threads each take every other 1 MiB segment, read it
 * themselves, encrypt it (AES-256-GCM), hash the result (its block's CID) and write it to a file
 * of its own under a temporary name, then rename it (as the blockstore does). No IPFS, no chain,
 * no bytes passed between threads, threads started before the clock. An upload does all of this
 * and more, so the figure shows how far the upload target is reachable on this machine at all.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const fs = require('node:fs')
const { createCipheriv, createHash, randomBytes } = require('node:crypto')
const SEGMENT = 1024 * 1024
const { path, dir, part, parts } = workerData
parentPort.once('message', () => {
  const file = fs.openSync(path, 'r')
  const buffer = Buffer.allocUnsafe(SEGMENT)
  const read = (position) => fs.readSync(file, buffer, 0, SEGMENT, position)
  if (part === undefined) {
    const hash = createHash('sha256')
    for (let position = 0, n; (n = read(position)) > 0; position += n) {
      hash.update(buffer.subarray(0, n))
    }
  } else {
    const key = randomBytes(32)
    for (let position = part * SEGMENT, n; (n = read(position)) > 0; position += parts * SEGMENT) {
      const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12))
      const ciphertext = cipher.update(buffer.subarray(0, n))
      cipher.final()
      const tag = cipher.getAuthTag()
      const name = createHash('sha256').update(ciphertext).update(tag).digest('hex')
      const temporary = dir + '/.' + name + '.tmp'
      const block = fs.openSync(temporary, 'w')
      fs.writevSync(block, [ciphertext, tag])
      fs.closeSync(block)
      fs.renameSync(temporary, dir + '/' + name + '.data')
    }
  }
  fs.closeSync(file)
  parentPort.postMessage('done')
})
parentPort.postMessage('ready')
`

const SEALING_THREADS = 2

/** Milliseconds the least upload work takes for the file at `path`. */
export async function uploadFloorMs(path: string): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'emr-bench-floor-'))
  const workers = [
    { path },
    ...Array.from({ length: SEALING_THREADS }, (_, part) => ({
      path,
      dir,
      part,
      parts: SEALING_THREADS,
    })),
  ].map((workerData) => new Worker(SOURCE, { eval: true, workerData }))
  const reply = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve())
      worker.once('error', reject)
    })
  try {
    await Promise.all(workers.map(reply))
    const start = performance.now()
    const done = workers.map(reply)
    for (const worker of workers) worker.postMessage('go')
    await Promise.all(done)
    return performance.now() - start
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
    await rm(dir, { recursive: true, force: true })
  }
}

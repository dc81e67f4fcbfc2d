/**
 * Records figures on one node: upload throughput against plain SHA-256 of the same file (and the
 * floor of that throughput on this machine, see upload-floor.ts), the time to open a 1 MiB record
 * against a bare IPFS read of its content, and anchoring gas.
 *
 * Both timings start after a warm-up (a few opens and reads; the small uploads of the record
 * opened), which the figures leave out: they measure the steady state, not the first call's
 * module loading and compilation. Opens and reads alternate, OPENS of each, before the large
 * uploads: the kernel writes those hundreds of MiB back to disk for seconds afterwards. Uploads
 * are measured UPLOADS times, each file hashed and put through the floor just before its upload,
 * and the medians compared.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { CID } from 'multiformats/cid'
import { openRecord } from '../electron/node/records/open.ts'
import { prepareUpload, readFileForUpload, runUpload } from '../electron/node/records/upload.ts'
import { startBenchClinic } from './clinic.ts'
import type { Figure } from './figure.ts'
import { hashFile, writeRandomFile } from './random-file.ts'
import { uploadFloorMs } from './upload-floor.ts'

const UPLOADS = 3
const OPENS = 100
const WARM_UP_OPENS = 5
const MIB = 100
const details = (title: string) => ({
  title,
  category: 'imaging' as const,
  dateOfCare: '2026-11-20',
  fileName: `${title}.bin`,
  mime: 'application/octet-stream',
})

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)]!
}
const median = (values: number[]) => percentile(values, 0.5)

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now()
  const result = await work()
  return [result, performance.now() - start]
}

export async function measureRecords(): Promise<Figure[]> {
  const clinic = await startBenchClinic()
  const dir = await mkdtemp(join(tmpdir(), 'emr-bench-files-'))
  const { node, patient } = clinic
  try {
    const upload = async (path: string, title: string, recordId?: number) => {
      const size = (await stat(path)).size
      const prepared = await prepareUpload(node, {
        patient,
        recordId,
        size,
        details: details(title),
      })
      return runUpload(node, prepared, readFileForUpload(path))
    }

    const small = join(dir, 'small.bin')
    await writeRandomFile(small, 2 ** 20)
    const record = await upload(small, 'small')
    await writeRandomFile(join(dir, 'edit.bin'), 1000)
    const edit = await upload(join(dir, 'edit.bin'), 'edit', record.recordId)

    const openTimes: number[] = []
    const catTimes: number[] = []
    const manifest = JSON.parse(
      Buffer.from(await node.ipfs.getBlock(CID.parse(record.cid))).toString(),
    ) as { content: string }
    const read = async () => {
      for await (const _chunk of node.ipfs.cat(CID.parse(manifest.content))) {
        // read only: the baseline has no verification or decryption
      }
    }
    for (let i = 0; i < WARM_UP_OPENS + OPENS; i++) {
      const [, openMs] = await timed(() => openRecord(node, record.cid))
      const [, catMs] = await timed(read)
      if (i < WARM_UP_OPENS) continue
      openTimes.push(openMs)
      catTimes.push(catMs)
    }

    const hashRates: number[] = []
    const floorRates: number[] = []
    const uploadRates: number[] = []
    for (let run = 0; run < UPLOADS; run++) {
      const big = join(dir, `big-${run}.bin`)
      await writeRandomFile(big, MIB * 2 ** 20)
      const [, hashMs] = await timed(() => hashFile(big))
      const floorMs = await uploadFloorMs(big)
      const [, uploadMs] = await timed(() => upload(big, `big-${run}`))
      hashRates.push(MIB / (hashMs / 1000))
      floorRates.push(MIB / (floorMs / 1000))
      uploadRates.push(MIB / (uploadMs / 1000))
      await rm(big)
    }

    const throughput = median(uploadRates)
    const floorThroughput = median(floorRates)
    const hashThroughput = median(hashRates)
    const openP95 = percentile(openTimes, 0.95)
    const catP95 = percentile(catTimes, 0.95)
    return [
      {
        name: `upload ${MIB} MiB end to end (check, encrypt, IPFS add, anchor), median of ${UPLOADS}`,
        value: Math.round(throughput),
        unit: 'MiB/s',
        baseline: Math.round(hashThroughput),
        ratio: Number((throughput / hashThroughput).toFixed(2)),
        note: `baseline: plain SHA-256 of the same file, read the same way, median of ${UPLOADS}; after two small uploads; target ratio >= 0.5; each run (upload / hash, MiB/s): ${uploadRates.map((r, i) => `${Math.round(r)} / ${Math.round(hashRates[i]!)}`).join(', ')}`,
      },
      {
        name: `upload floor: the same ${MIB} MiB hashed, encrypted, hashed and written, nothing else`,
        value: Math.round(floorThroughput),
        unit: 'MiB/s',
        baseline: Math.round(hashThroughput),
        ratio: Number((floorThroughput / hashThroughput).toFixed(2)),
        note: `the least work an upload must do, on three threads, without IPFS or the chain (bench/upload-floor.ts): an upload does all of it and more; median of ${UPLOADS}, each run (MiB/s): ${floorRates.map(Math.round).join(', ')}`,
      },
      {
        name: `open a 1 MiB record, p95 of ${OPENS} (chain lookup, fetch, unwrap, verify, decrypt)`,
        value: Number(openP95.toFixed(1)),
        unit: 'ms',
        baseline: Number(catP95.toFixed(1)),
        ratio: Number((openP95 / catP95).toFixed(2)),
        note: `baseline: bare IPFS read of the same content (p95), alternating with the opens; ${WARM_UP_OPENS} warm-up rounds left out; target <= 100 ms; p50 open ${median(openTimes).toFixed(1)} ms, read ${median(catTimes).toFixed(1)} ms`,
      },
      {
        name: 'gas: new record',
        value: Number(record.receipt.gasUsed),
        unit: 'gas',
        note: 'ceiling 80,000',
      },
      {
        name: 'gas: new version',
        value: Number(edit.receipt.gasUsed),
        unit: 'gas',
        note: 'ceiling 56,000',
      },
    ]
  } finally {
    await clinic.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Records figures on one node: upload throughput against plain SHA-256 of the same file, the
 * time to open a 1 MiB record against a bare IPFS read of its content, and anchoring gas.
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

const OPENS = 40
const details = (title: string) => ({
  title,
  category: 'imaging' as const,
  dateOfCare: '2026-11-20',
  fileName: `${title}.bin`,
  mime: 'application/octet-stream',
})

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.ceil(sorted.length * 0.95) - 1]!
}

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

    const big = join(dir, 'big.bin')
    await writeRandomFile(big, 100 * 2 ** 20)
    const [, hashMs] = await timed(() => hashFile(big))
    const [, uploadMs] = await timed(() => upload(big, 'big'))
    const mib = 100

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
    for (let i = 0; i < OPENS; i++) {
      openTimes.push((await timed(() => openRecord(node, record.cid)))[1])
      catTimes.push(
        (
          await timed(async () => {
            for await (const _chunk of node.ipfs.cat(CID.parse(manifest.content))) {
              // read only: the baseline has no verification or decryption
            }
          })
        )[1],
      )
    }
    const throughput = mib / (uploadMs / 1000)
    const hashThroughput = mib / (hashMs / 1000)
    return [
      {
        name: 'upload 100 MiB end to end (encrypt, IPFS add, anchor)',
        value: Math.round(throughput),
        unit: 'MiB/s',
        baseline: Math.round(hashThroughput),
        ratio: Number((throughput / hashThroughput).toFixed(2)),
        note: 'baseline: plain SHA-256 of the same file; target ratio >= 0.5',
      },
      {
        name: 'open a 1 MiB record, p95 of 40 (fetch, verify, decrypt)',
        value: Number(p95(openTimes).toFixed(1)),
        unit: 'ms',
        baseline: Number(p95(catTimes).toFixed(1)),
        ratio: Number((p95(openTimes) / p95(catTimes)).toFixed(2)),
        note: 'baseline: bare IPFS read of the same content; target <= 100 ms',
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

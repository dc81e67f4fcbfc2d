/**
 * `npm run bench`: prints each figure with its baseline measured in the same run, as a table or,
 * with --json, as JSON lines' array `{ name, value, unit, baseline?, ratio? }`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataPaths } from '../electron/node/paths.ts'
import type { Figure } from './figure.ts'
import { measureGrants } from './access.ts'
import { measureCrossNode } from './cross-node.ts'
import { measureIdentityGas } from './identity-gas.ts'
import { measureRecords } from './records.ts'

const RUNS = 5

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

interface StartTimes {
  /** From the start call to ready. */
  startMs: number
  /** From process start to ready: adds Node's boot and module loading. */
  readyMs: number
}

function runChild(script: string, ...args: string[]): StartTimes {
  const output = execFileSync(process.execPath, [join(import.meta.dirname, script), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  return JSON.parse(output.trim().split('\n').at(-1)!) as StartTimes
}

/**
 * Memory of a 1 GiB upload: how far the process's resident memory rises above the idle node
 * while the file streams through, against the same process hashing the file.
 */
function uploadMemoryFigure(): Figure {
  const run = (mode: string) =>
    JSON.parse(
      execFileSync(process.execPath, [join(import.meta.dirname, 'upload-memory-child.ts'), mode], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as { peakMiB: number; startMiB: number }
  const upload = run('upload')
  const hash = run('hash')
  return withRatio({
    name: 'memory added while uploading 1 GiB (peak RSS above the idle node)',
    value: Math.round(upload.peakMiB - upload.startMiB),
    unit: 'MiB',
    baseline: Math.max(1, Math.round(hash.peakMiB - hash.startMiB)),
    note: `target < 250 MiB; baseline: the same process hashing the file; absolute peak RSS ${Math.round(upload.peakMiB)} MiB, of which the idle node (Ganache, Helia) ${Math.round(upload.startMiB)} MiB`,
  })
}

function withRatio(figure: Figure): Figure {
  return figure.baseline
    ? { ...figure, ratio: Number((figure.value / figure.baseline).toFixed(2)) }
    : figure
}

const figures: Figure[] = []
const baselines = Array.from({ length: RUNS }, () => runChild('baseline-child.ts'))

const firstStarts: StartTimes[] = []
const restarts: StartTimes[] = []
let deploymentGas = 0
for (let run = 0; run < RUNS; run++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'emr-bench-'))
  try {
    firstStarts.push(runChild('cold-start-child.ts', dataDir))
    restarts.push(runChild('cold-start-child.ts', dataDir))
    const deployment = JSON.parse(
      readFileSync(join(dataPaths(dataDir).chain, 'deployment.json'), 'utf8'),
    ) as { gasUsed: string }
    deploymentGas = Number(deployment.gasUsed)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const medianOf = (times: StartTimes[], key: keyof StartTimes) =>
  Math.round(median(times.map((t) => t[key])))
figures.push(
  withRatio({
    name: 'cold start: node ready (chain + IPFS + database), existing data folder',
    value: medianOf(restarts, 'startMs'),
    unit: 'ms',
    baseline: medianOf(baselines, 'startMs'),
    note: 'target < 1500 ms; baseline: bare in-memory Ganache + Helia started in the same way',
  }),
  withRatio({
    name: 'first start: node ready on a new data folder (deploys the registry)',
    value: medianOf(firstStarts, 'startMs'),
    unit: 'ms',
    baseline: medianOf(baselines, 'startMs'),
  }),
  withRatio({
    name: 'process start to node ready, existing data folder',
    value: medianOf(restarts, 'readyMs'),
    unit: 'ms',
    baseline: medianOf(baselines, 'readyMs'),
    note: 'includes Node boot and loading the modules (Helia and libp2p alone take ~1 s)',
  }),
  { name: 'gas: registry deployment', value: deploymentGas, unit: 'gas' },
  ...(await measureIdentityGas()),
  ...(await measureRecords()),
  ...(await measureGrants()),
  ...(await measureCrossNode()),
  uploadMemoryFigure(),
)

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`)
} else {
  const rows = figures.map((f) => [
    f.name,
    `${f.value.toLocaleString('en')} ${f.unit}`,
    f.baseline === undefined ? '' : `${f.baseline.toLocaleString('en')} ${f.unit}`,
    f.ratio === undefined ? '' : `${f.ratio}x`,
  ])
  const header = ['figure', 'value', 'baseline', 'ratio']
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ') + '\n'
  process.stdout.write(
    line(header) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join(''),
  )
  for (const f of figures) if (f.note) process.stdout.write(`  ${f.name}: ${f.note}\n`)
}

/**
 * A node with a set-up network for the benchmarks: an institution, an approved nurse signed in
 * and a registered patient; the receipts of each step are kept for the gas figures.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCaller, createDispatcher } from '../electron/node/api/dispatch.ts'
import { createLogger } from '../electron/node/log.ts'
import { HospitalNode } from '../electron/node/node.ts'
import { dataPaths } from '../electron/node/paths.ts'
import type { SettingsInput } from '../electron/node/settings/schema.ts'
import { createJsonSettingsStore } from '../electron/node/settings/store.ts'
import { setUpClinic } from '../test/helpers/clinic-setup.ts'

export async function startBenchClinic(settings?: SettingsInput) {
  const dataDir = await mkdtemp(join(tmpdir(), 'emr-bench-'))
  if (settings) await writeFile(dataPaths(dataDir).settings, JSON.stringify(settings))
  const node = await HospitalNode.start({
    dataDir,
    settings: createJsonSettingsStore(dataPaths(dataDir).settings),
    scryptN: 2 ** 12,
    // BENCH_LOG=1 logs the node to stderr.
    log: process.env.BENCH_LOG ? createLogger('bench-node') : undefined,
  })
  const call = createCaller(createDispatcher(node))
  const setup = await setUpClinic(call)
  return {
    node,
    dataDir,
    call,
    setup,
    patient: setup.patient.patient.address,
    receipts: setup.receipts,
    async stop() {
      await node.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

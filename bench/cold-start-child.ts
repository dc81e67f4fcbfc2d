/**
 * One measured start in a fresh process: prints how long `HospitalNode.start` took to have the
 * chain, IPFS and the database ready (startMs), and how long after the process began that was
 * (readyMs, which adds Node's boot and module loading), then stops the node.
 */
import { performance } from 'node:perf_hooks'
import { HospitalNode } from '../electron/node/node.ts'
import { dataPaths } from '../electron/node/paths.ts'
import { createJsonSettingsStore } from '../electron/node/settings/store.ts'

const dataDir = process.argv[2]!
const startedAt = performance.now()
const node = await HospitalNode.start({
  dataDir,
  settings: createJsonSettingsStore(dataPaths(dataDir).settings),
})
const readyMs = performance.now()
const startMs = readyMs - startedAt
const status = await node.status()
await node.stop()
process.stdout.write(
  `${JSON.stringify({ readyMs, startMs, contract: status.chain.contractAddress })}\n`,
)

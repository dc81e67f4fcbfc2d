/**
 * A node that uploads random records until it is killed: `upload-worker.ts DATA_DIR NURSE
 * PATIENT`. Prints `ready` once signed in, then `done <cid> <sha256>` for each upload the api
 * reported finished. The crash-safety test kills it at random points.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto'
import { createCaller, createDispatcher } from '../../electron/node/api/dispatch.ts'
import { HospitalNode } from '../../electron/node/node.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import { createJsonSettingsStore } from '../../electron/node/settings/store.ts'
import { uploadFile } from './clinic.ts'
import { PASS } from './clinic-setup.ts'

const [dataDir, nurse, patient] = process.argv.slice(2) as [string, string, string]
const node = await HospitalNode.start({
  dataDir,
  settings: createJsonSettingsStore(dataPaths(dataDir).settings),
})
const call = createCaller(createDispatcher(node))
await call('session.signIn', { address: nurse, passphrase: PASS })
process.stdout.write('ready\n')
for (;;) {
  const bytes = randomBytes(randomInt(10_000, 1_500_000))
  const result = await uploadFile(call, { patient, bytes, title: 'Crash test' })
  process.stdout.write(`done ${result.cid} ${createHash('sha256').update(bytes).digest('hex')}\n`)
}

import { writeFile } from 'node:fs/promises'
import { after } from 'node:test'
import { createCaller, createDispatcher } from '../../electron/node/api/dispatch.ts'
import { HospitalNode } from '../../electron/node/node.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import type { SettingsInput } from '../../electron/node/settings/schema.ts'
import { createJsonSettingsStore } from '../../electron/node/settings/store.ts'
import type { NodeSecret } from '../../electron/node/vault/node-secret.ts'
import { tempDir } from './temp.ts'

/** Starts a real node on `dataDir` (a new temporary folder by default), stopped after the file. */
export async function startTestNode(
  options: {
    dataDir?: string
    settings?: SettingsInput
    nodeSecret?: NodeSecret | null
    siteConfigFile?: string
  } = {},
) {
  const dataDir = options.dataDir ?? (await tempDir('emr-node-'))
  if (options.settings)
    await writeFile(dataPaths(dataDir).settings, JSON.stringify(options.settings))
  // A low scrypt cost keeps account tests fast; the app uses the default.
  const node = await HospitalNode.start({
    dataDir,
    settings: createJsonSettingsStore(dataPaths(dataDir).settings),
    scryptN: 2 ** 12,
    // None unless a test brings one, whatever the developer's environment holds.
    nodeSecret: options.nodeSecret ?? null,
    siteConfigFile: options.siteConfigFile,
  })
  let stopped = false
  const stop = async () => {
    if (!stopped) await node.stop()
    stopped = true
  }
  after(stop)
  const call = createCaller(createDispatcher(node))
  return { node, dataDir, stop, call }
}

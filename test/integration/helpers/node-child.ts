/**
 * One hospital's node in a process of its own, for tests with several nodes as separate
 * processes (node-process.ts starts it). Reads one JSON argument `{ dataDir, siteConfigFile? }`,
 * starts a HospitalNode on that folder and answers requests over the IPC channel:
 * `{ id, op: 'api', method, input }` goes through the api's dispatcher, as the UI would call;
 * the other ops reach what a test looks at beside the api (indexing, replication, blocks).
 * Sends `{ ready: true }` once started, or `{ startError }` and exits.
 */
import { CID } from 'multiformats/cid'
import { createDispatcher } from '../../../electron/node/api/dispatch.ts'
import { toErrorInfo } from '../../../electron/node/errors.ts'
import { HospitalNode } from '../../../electron/node/node.ts'
import { dataPaths } from '../../../electron/node/paths.ts'
import { decodeManifest } from '../../../electron/node/records/manifest.ts'
import { createJsonSettingsStore } from '../../../electron/node/settings/store.ts'
import { anchoredVersions, freshIndex } from '../../helpers/fresh-index.ts'

interface Request {
  id: number
  op: 'api' | 'sync' | 'settle' | 'index' | 'holds' | 'stop'
  method?: string
  input?: unknown
  cid?: string
}

const { dataDir, siteConfigFile } = JSON.parse(process.argv[2]!) as {
  dataDir: string
  siteConfigFile?: string
}
const send = (message: unknown) => process.send!(message)

let node: HospitalNode
try {
  node = await HospitalNode.start({
    dataDir,
    settings: createJsonSettingsStore(dataPaths(dataDir).settings),
    // A low scrypt cost keeps account tests fast; the app uses the default.
    scryptN: 2 ** 12,
    nodeSecret: null,
    siteConfigFile,
  })
} catch (error) {
  send({ startError: { ...toErrorInfo(error), text: String(error) } })
  process.exit(1)
}
const dispatch = createDispatcher(node)

/** Whether this node holds a version whole, manifest and content, pinned in its own repo. */
async function holdsVersion(manifestCid: string): Promise<boolean> {
  const cid = CID.parse(manifestCid)
  if (!(await node.ipfs.isPinned(cid)) || !(await node.ipfs.hasBlock(cid))) return false
  const content = CID.parse(decodeManifest(await node.ipfs.getBlock(cid)).content)
  return (await node.ipfs.isPinned(content)) && (await node.ipfs.hasBlock(content))
}

async function handle(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'api':
      return dispatch(request.method!, request.input)
    case 'sync':
      return node.chain.indexer.sync()
    case 'settle':
      await node.chain.indexer.sync()
      await node.replicator.runPass()
      return null
    case 'index':
      // This node's index, and what one built afresh from the same chain and registry holds.
      return {
        events: node.chain.indexer.events(),
        versions: anchoredVersions(node.db),
        fresh: await freshIndex(node),
        listenAddresses: node.ipfs.listenAddresses(),
        connectedPeers: node.ipfs.connectedPeers(),
      }
    case 'holds':
      return holdsVersion(request.cid!)
    case 'stop':
      await node.stop()
      setImmediate(() => process.exit(0))
      return null
  }
}

process.on('message', (request: Request) => {
  handle(request).then(
    (value) => send({ id: request.id, value }),
    (error: unknown) =>
      send({ id: request.id, error: { ...toErrorInfo(error), text: String(error) } }),
  )
})
send({ ready: true })

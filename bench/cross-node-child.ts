/**
 * The second node of the cross-node figures, in a process of its own. Reads one JSON argument:
 * - `{ mode: 'open', dataDir, cid, keystoreJson, passphrase }`: starts a full node on `dataDir`
 *   (settings, swarm key and consortium token written by the parent), signs the patient in and
 *   times the open of the record `cid`;
 * - `{ mode: 'cat', repoDir, swarmKeyFile, peer, cid, blockExchange, blockPort }`: starts a bare
 *   IPFS service that dials `peer` and times reading the UnixFS file `cid` (the IPFS transfer
 *   alone); `blockPort: false` fetches over the libp2p block protocol, not the TLS block port.
 * Prints `{ ms, bytes }` on stdout.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { CID } from 'multiformats/cid'
import { createCaller, createDispatcher } from '../electron/node/api/dispatch.ts'
import { startIpfs } from '../electron/node/ipfs/ipfs-service.ts'
import { parseSwarmKey } from '../electron/node/ipfs/swarm-key.ts'
import { HospitalNode } from '../electron/node/node.ts'
import { createLogger } from '../electron/node/log.ts'
import { dataPaths } from '../electron/node/paths.ts'
import { openRecord } from '../electron/node/records/open.ts'
import { createJsonSettingsStore } from '../electron/node/settings/store.ts'

type Job =
  | { mode: 'open'; dataDir: string; cid: string; keystoreJson: string; passphrase: string }
  | {
      mode: 'cat'
      repoDir: string
      swarmKeyFile: string
      peer: string
      cid: string
      blockExchange: boolean
      blockPort: boolean
    }

const job = JSON.parse(process.argv[2]!) as Job
/** BENCH_LOG=1 logs the second node to stderr. */
const log = process.env.BENCH_LOG ? createLogger('second-node') : undefined

async function waitForPeer(peers: () => string[]): Promise<void> {
  const deadline = Date.now() + 20_000
  while (peers().length === 0) {
    if (Date.now() > deadline) throw new Error('the first node never connected')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

let result: { ms: number; bytes: number }
/** Printed as soon as measured: a failure while stopping does not lose the figure. */
function print(measured: { ms: number; bytes: number }): void {
  process.stdout.write(`${JSON.stringify(measured)}\n`)
}
if (job.mode === 'open') {
  const node = await HospitalNode.start({
    dataDir: job.dataDir,
    settings: createJsonSettingsStore(dataPaths(job.dataDir).settings),
    scryptN: 2 ** 12,
    nodeSecret: null,
    log,
  })
  try {
    const call = createCaller(createDispatcher(node))
    const { address } = await call<{ address: string }>('accounts.importKeystore', {
      label: 'Patient',
      json: job.keystoreJson,
      passphrase: job.passphrase,
    })
    await call('session.signIn', { address, passphrase: job.passphrase })
    await waitForPeer(() => node.ipfs.connectedPeers())
    const start = performance.now()
    const opened = await openRecord(node, job.cid)
    result = { ms: performance.now() - start, bytes: opened.content.byteLength }
    print(result)
  } finally {
    await node.stop()
  }
} else {
  const ipfs = await startIpfs({
    repoDir: job.repoDir,
    swarmKey: parseSwarmKey(readFileSync(job.swarmKeyFile, 'utf8')),
    listenPort: 0,
    listenHost: '127.0.0.1',
    peers: [job.peer],
    blockExchange: job.blockExchange,
    fetchOverBlockPort: job.blockPort,
    log,
  })
  try {
    await waitForPeer(() => ipfs.connectedPeers())
    const start = performance.now()
    let bytes = 0
    for await (const chunk of ipfs.cat(CID.parse(job.cid))) bytes += chunk.byteLength
    result = { ms: performance.now() - start, bytes }
    print(result)
  } finally {
    await ipfs.stop()
  }
}

/**
 * Browser mode: `npm run browser`. Starts the node on the data folder and serves the built
 * renderer on loopback. Prints one JSON line `{ "url": … }` on stdout for scripts and tests: a
 * one-time sign-in address. Pressing Enter in the terminal prints a new one, for another browser.
 */
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createDispatcher } from '../api/dispatch.ts'
import { toErrorInfo } from '../errors.ts'
import { createLogger } from '../log.ts'
import { HospitalNode } from '../node.ts'
import { dataPaths, defaultDataDir } from '../paths.ts'
import { createJsonSettingsStore } from '../settings/store.ts'
import { startBrowserServer } from './server.ts'

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
  },
})
const dataDir = values['data-dir'] ?? defaultDataDir()
const log = createLogger('emr')

try {
  const node = await HospitalNode.start({
    dataDir,
    settings: createJsonSettingsStore(dataPaths(dataDir).settings),
    log,
  })
  const server = await startBrowserServer({
    dispatch: createDispatcher(node),
    events: node.events,
    staticDir: fileURLToPath(new URL('../../../out/renderer', import.meta.url)),
    port: Number(values.port),
  })
  process.stdout.write(`${JSON.stringify({ url: server.url, dataDir })}\n`)
  process.stderr.write(
    `EMR Node browser mode: open ${server.url}\n` +
      'The address signs in one browser, once. Press Enter here for a new one.\n',
  )
  createInterface({ input: process.stdin }).on('line', () =>
    process.stderr.write(
      `New sign-in address (the previous one stops working): ${server.issueLoginUrl()}\n`,
    ),
  )

  let stopping = false
  const shutdown = async () => {
    if (stopping) return
    stopping = true
    await server.close()
    await node.stop()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
} catch (error) {
  const info = toErrorInfo(error)
  process.stderr.write(`error ${info.code}: ${info.message}\n`)
  if (info.code === 'ERR_INTERNAL') log.error('start-up failed', { error: String(error) })
  process.exit(1)
}

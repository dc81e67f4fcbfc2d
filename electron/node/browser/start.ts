/**
 * Browser mode: `npm run browser`. Starts the node on the data folder and serves the built
 * renderer on loopback. Prints one JSON line `{ "url": … }` on stdout for scripts and tests: a
 * one-time sign-in address. Pressing Enter in the terminal prints a new one, for another browser.
 *
 * With --build-if-stale (what `npm run browser` passes) it first runs `npm run build` when a
 * source or config is newer than the build, or always with --rebuild.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createDispatcher } from '../api/dispatch.ts'
import { toErrorInfo } from '../errors.ts'
import { createLogger } from '../log.ts'
import { HospitalNode } from '../node.ts'
import { dataPaths, defaultDataDir } from '../paths.ts'
import { createJsonSettingsStore } from '../settings/store.ts'
import { buildOutput, isBuildCurrent } from './build-freshness.ts'
import { startBrowserServer } from './server.ts'

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    'build-if-stale': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
  },
})
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url))
if (values.rebuild || (values['build-if-stale'] && !isBuildCurrent(projectRoot))) {
  // The build's output goes to stderr: stdout carries only the JSON line scripts read.
  const build = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: ['ignore', 2, 2] })
  if (build.status !== 0) process.exit(build.status ?? 1)
} else if (values['build-if-stale']) {
  process.stderr.write(
    'The build is current: not rebuilding (npm run browser -- --rebuild forces it).\n',
  )
}
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
    staticDir: join(projectRoot, buildOutput),
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

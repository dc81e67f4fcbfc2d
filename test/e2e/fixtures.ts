import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { _electron, test as base, type Page, type TestInfo } from '@playwright/test'
import type { SettingsInput } from '../../electron/node/settings/schema.ts'

export interface AppFixtureOptions {
  appMode: 'browser' | 'electron'
  /** Written as the data folder's settings.json before the node starts; none by default. */
  nodeSettings: SettingsInput | undefined
}

export interface App {
  page: Page
  dataDir: string
  /** Browser mode: the one-time sign-in address the page was opened with (spent by now). */
  loginUrl?: string
}

/** The project's Node 24 (the node package), whichever Node runs Playwright itself. */
const PINNED_NODE = join(process.cwd(), 'node_modules', '.bin', 'node')

/**
 * Starts the browser-mode server on its own data folder and returns the URL it prints, and
 * everything the node has logged so far.
 */
export async function startBrowserMode(
  dataDir: string,
): Promise<{ url: string; process: ChildProcess; log: () => string }> {
  const child = spawn(PINNED_NODE, ['electron/node/browser/start.ts', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Every node gets its own protected secret, as a deployed one would: automatic emergency
    // release is available.
    env: { ...process.env, EMR_NODE_SECRET: randomBytes(32).toString('hex') },
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout! })
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${stderr}`))),
  )
  const firstLine = new Promise<string>((resolve) => lines.once('line', resolve))
  const line = await Promise.race([firstLine, exited])
  return { url: (JSON.parse(line) as { url: string }).url, process: child, log: () => stderr }
}

/** Path of the Electron binary, or undefined where it was never downloaded (CI here). */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as string
    return existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

export const test = base.extend<AppFixtureOptions & { app: App }>({
  appMode: ['browser', { option: true }],
  nodeSettings: [undefined, { option: true }],

  app: async ({ appMode, nodeSettings, page }, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'emr-e2e-'))
    try {
      if (nodeSettings)
        await writeFile(join(dataDir, 'settings.json'), JSON.stringify(nodeSettings))
      if (appMode === 'electron') {
        const executablePath = electronBinary()
        if (!executablePath) {
          console.log(
            'electron project skipped: no Electron binary on this machine (downloads are blocked)',
          )
          testInfo.skip(true, 'no Electron binary on this machine')
          return
        }
        const electronApp = await _electron.launch({
          executablePath,
          args: ['out/main/index.js'],
          env: { ...process.env, EMR_DATA_DIR: dataDir },
        })
        await use({ page: await electronApp.firstWindow(), dataDir })
        await electronApp.close()
        return
      }
      const server = await startBrowserMode(dataDir)
      // The one-time sign-in address sets the session cookie and lands on the bare address.
      await page.goto(server.url)
      await page.waitForURL((url) => url.pathname === '/' && url.search === '')
      await use({ page, dataDir, loginUrl: server.url })
      if (testInfo.status !== testInfo.expectedStatus) await reportNodeLog(server.log(), testInfo)
      server.process.kill('SIGTERM')
      await new Promise((resolve) => server.process.once('exit', resolve))
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  },
})

/**
 * A failed test attaches the node's log, and prints its warnings and errors, which CI's output
 * keeps once the data folder is gone.
 */
async function reportNodeLog(log: string, testInfo: TestInfo): Promise<void> {
  await testInfo.attach('node log', { body: log, contentType: 'text/plain' })
  const problems = log.split('\n').filter((line) => /"level":"(warn|error)"/.test(line))
  if (problems.length > 0) console.log(`node warnings and errors:\n${problems.join('\n')}`)
}

export { expect } from '@playwright/test'

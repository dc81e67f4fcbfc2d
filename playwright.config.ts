import { defineConfig } from '@playwright/test'
import type { AppFixtureOptions } from './test/e2e/fixtures.ts'

/**
 * End-to-end specs run against real nodes (chain, IPFS, SQLite) in browser mode with Debian's
 * Chromium; the same specs run in the Electron window where an Electron binary exists.
 */
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Chromium's background services would try the (closed) network at every start.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
}

export default defineConfig<AppFixtureOptions>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    {
      name: 'browser',
      use: {
        appMode: 'browser',
        launchOptions,
      },
    },
    // Specs get the Electron window here; the browser fixture still starts, so it shares options.
    { name: 'electron', use: { appMode: 'electron', launchOptions } },
  ],
})

/**
 * electron-builder.yml, checked with electron-builder's own loader and schema (no build, no
 * Electron binary): the four installer targets, and the site configuration baked in where the
 * shell reads it (electron/main/index.ts: process.resourcesPath/site-config.json).
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const { findAndReadConfig } = require('app-builder-lib/out/util/config/load.js') as {
  findAndReadConfig(request: {
    packageKey: string
    configFilename: string
    projectDir: string
    packageMetadata: null
  }): Promise<{ result: Record<string, unknown>; configFile: string } | null>
}
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>
}
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown
}

const projectDir = fileURLToPath(new URL('../..', import.meta.url))

async function builderConfig() {
  const found = await findAndReadConfig({
    packageKey: 'build',
    configFilename: 'electron-builder',
    projectDir,
    packageMetadata: null,
  })
  assert.ok(found, 'electron-builder.yml is found')
  return found.result as {
    linux: { target: string[] }
    win: { target: string[] }
    mac: { target: string[] }
    extraResources: { from: string; to: string }[]
  }
}

test("electron-builder's schema accepts the configuration", async () => {
  await validateConfiguration(await builderConfig(), new DebugLogger(false))
})

test('it builds AppImage and deb, NSIS, and dmg installers', async () => {
  const config = await builderConfig()
  assert.deepEqual(config.linux.target, ['AppImage', 'deb'])
  assert.deepEqual(config.win.target, ['nsis'])
  assert.deepEqual(config.mac.target, ['dmg'])
})

test('it bakes site/site-config.json in as the resource the shell reads, and git ignores it', async () => {
  const config = await builderConfig()
  assert.deepEqual(config.extraResources, [
    { from: 'site/site-config.json', to: 'site-config.json' },
  ])
  const shell = readFileSync(new URL('../../electron/main/index.ts', import.meta.url), 'utf8')
  assert.match(shell, /siteConfigFile: join\(process\.resourcesPath, 'site-config\.json'\)/)
  const ignored = readFileSync(new URL('../../.gitignore', import.meta.url), 'utf8').split('\n')
  assert.ok(ignored.includes('site/site-config.json'))
})

import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import Conf from 'conf'
import {
  createElectronSettingsStore,
  deserializeSettingsFile,
  settingsStoreOptions,
  type SettingsBacking,
} from '../../electron/main/electron-settings-store.ts'
import { defaultSettings } from '../../electron/node/settings/schema.ts'

/** A fake electron-store: counts writes, so the tests can prove nothing was overwritten. */
function fakeBacking(stored: Record<string, unknown>) {
  const writes: unknown[] = []
  const backing: SettingsBacking = {
    path: '/data/settings.json',
    get store() {
      return stored
    },
    set store(value) {
      writes.push(value)
      stored = value
    },
  }
  return { backing, writes }
}

test('missing settings read as the defaults, without writing them', () => {
  const { backing, writes } = fakeBacking(Object.create(null))
  assert.deepEqual(createElectronSettingsStore(backing).get(), defaultSettings)
  assert.deepEqual(writes, [])
})

test('malformed stored settings throw InvalidSettingsError and are never overwritten', () => {
  const malformed: Record<string, unknown>[] = [
    { language: 'fr' },
    { chain: { mode: 'ganache' } },
    { chain: { mode: 'external', rpcUrl: 'ftp://x', contractAddress: '0x1' } },
    { ipfs: { listenPort: 70000, peers: [] } },
    { ipfs: { listenPort: 0, peers: ['/ip4/1.2.3.4/udp/1'] } },
    { ipfs: 'on' },
  ]
  for (const stored of malformed) {
    const { backing, writes } = fakeBacking(stored)
    assert.throws(
      () => createElectronSettingsStore(backing),
      { name: 'InvalidSettingsError' },
      JSON.stringify(stored),
    )
    assert.deepEqual(writes, [])
  }
})

test('an update writes whole validated settings; an invalid one writes nothing', () => {
  const { backing, writes } = fakeBacking({})
  const store = createElectronSettingsStore(backing)
  const next = store.update({ language: 'zh-TW' })
  assert.deepEqual(next, { ...defaultSettings, language: 'zh-TW' })
  assert.deepEqual(writes, [next])
  assert.deepEqual(store.get(), next)

  assert.throws(() => store.update({ language: 'fr' } as never), { name: 'InvalidSettingsError' })
  assert.throws(() => store.update({ unknownSection: true } as never), {
    name: 'InvalidSettingsError',
  })
  assert.deepEqual(writes, [next])
  assert.deepEqual(store.get(), next)
})

test('an update keeps the sections it does not name', () => {
  const { backing } = fakeBacking({ language: 'zh-TW' })
  const next = createElectronSettingsStore(backing).update({
    ipfs: { listenPort: 4001, peers: [] },
  })
  assert.equal(next.language, 'zh-TW')
})

test('the file reader accepts a JSON object and refuses everything else with a typed error', () => {
  assert.deepEqual(deserializeSettingsFile('{"language":"en"}'), { language: 'en' })
  for (const text of [
    '',
    '{',
    '{"language":',
    'null',
    '[]',
    '[{"language":"en"}]',
    '"en"',
    '42',
    'true',
  ]) {
    assert.throws(() => deserializeSettingsFile(text), { name: 'InvalidSettingsError' }, text)
  }
})

test('electron-store is told never to clear an invalid file', () => {
  const options = settingsStoreOptions('/data')
  assert.equal(options.clearInvalidConfig, false)
  assert.equal(options.cwd, '/data')
  assert.equal(options.name, 'settings')
  assert.equal(options.deserialize, deserializeSettingsFile)
})

// electron-store is conf plus Electron's paths: it renames `name` to `configName` and passes the
// rest through. Driving conf directly proves a damaged file on disk is reported, not replaced.
function openLikeElectronStore(dir: string) {
  const { name, ...rest } = settingsStoreOptions(dir)
  return new Conf<Record<string, unknown>>({ ...rest, configName: name })
}

test('a damaged settings file on disk is reported and left byte for byte as it was', () => {
  for (const text of ['{"language": "en",', '[]', 'null', '{"chain":{"mode":"ganache"}}']) {
    const dir = mkdtempSync(join(tmpdir(), 'emr-settings-'))
    const file = join(dir, 'settings.json')
    writeFileSync(file, text)
    assert.throws(
      () => createElectronSettingsStore(openLikeElectronStore(dir)),
      { name: 'InvalidSettingsError' },
      text,
    )
    assert.equal(readFileSync(file, 'utf8'), text)
  }
})

test('a first start creates no file; an update writes settings.json the CLI can read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emr-settings-'))
  const store = createElectronSettingsStore(openLikeElectronStore(dir))
  assert.deepEqual(store.get(), defaultSettings)
  assert.throws(() => readFileSync(join(dir, 'settings.json')), { code: 'ENOENT' })
  store.update({ language: 'zh-TW' })
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')), {
    ...defaultSettings,
    language: 'zh-TW',
  })
})

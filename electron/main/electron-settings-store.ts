/**
 * The SettingsStore of the Electron shell, kept by electron-store in `<userData>/settings.json`
 * (the same file the CLI and browser mode read). Validation is the node's own (settings/store.ts);
 * electron-store is imported for types only, so the tests pass a fake backing.
 */
import type { Options as ElectronStoreOptions } from 'electron-store'
import { InvalidSettingsError } from '../node/errors.ts'
import { mergeSettings, parseStoredSettings, type SettingsStore } from '../node/settings/store.ts'

type StoredSettings = Record<string, unknown>

/** What this module needs of an electron-store instance: the whole stored object and its file. */
export interface SettingsBacking {
  store: StoredSettings
  readonly path: string
}

/**
 * Reads the settings file's text. Anything but a JSON object is refused with a typed error:
 * electron-store would otherwise read a non-object as an empty store and the next update would
 * overwrite what the hospital had configured.
 */
export function deserializeSettingsFile(text: string): StoredSettings {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new InvalidSettingsError('The settings file is not valid JSON', { cause: error })
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidSettingsError('The settings file does not hold a JSON object')
  }
  return value as StoredSettings
}

/**
 * electron-store options: `<dataDir>/settings.json`, never cleared when invalid (the default
 * today, pinned here because clearing would silently replace a hospital's configuration).
 */
export function settingsStoreOptions(dataDir: string): ElectronStoreOptions<StoredSettings> {
  return {
    cwd: dataDir,
    name: 'settings',
    // Owner-only, as everything in the data folder (the default is 0666 less the umask).
    configFileMode: 0o600,
    clearInvalidConfig: false,
    deserialize: deserializeSettingsFile,
  }
}

/**
 * Validates what is stored once, at start (malformed settings throw InvalidSettingsError and are
 * left untouched), then writes only whole, validated settings on update.
 */
export function createElectronSettingsStore(backing: SettingsBacking): SettingsStore {
  let current = parseStoredSettings(backing.store, backing.path)
  return {
    get: () => current,
    update(patch) {
      const next = mergeSettings(current, patch)
      backing.store = next
      current = next
      return next
    },
  }
}

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { InvalidSettingsError } from '../errors.ts'
import { settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from './schema.ts'

/** Where the node reads and writes its settings: electron-store in the shell, a JSON file elsewhere. */
export interface SettingsStore {
  get(): Settings
  update(patch: SettingsPatch): Settings
}

/** Validates stored settings; a malformed file is reported, never replaced by defaults. */
export function parseStoredSettings(raw: unknown, source: string): Settings {
  const result = settingsSchema.safeParse(raw)
  if (!result.success) {
    throw new InvalidSettingsError(
      `Settings in ${source} are invalid: ${z.prettifyError(result.error)}`,
    )
  }
  return result.data
}

/** Applies a partial update: each given section replaces the stored one whole. */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  const parsed = settingsPatchSchema.safeParse(patch)
  if (!parsed.success) throw new InvalidSettingsError(z.prettifyError(parsed.error))
  return parseStoredSettings({ ...current, ...parsed.data }, 'the update')
}

export function createJsonSettingsStore(path: string): SettingsStore {
  const read = (): Settings => {
    if (!existsSync(path)) return settingsSchema.parse({})
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'))
    } catch (error) {
      throw new InvalidSettingsError(`Settings file ${path} is not valid JSON`, { cause: error })
    }
    return parseStoredSettings(raw, path)
  }
  let current = read()
  return {
    get: () => current,
    update(patch) {
      const next = mergeSettings(current, patch)
      // Write then rename, so a crash never leaves a half-written settings file.
      writeFileSync(`${path}.tmp`, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 })
      renameSync(`${path}.tmp`, path)
      current = next
      return next
    },
  }
}

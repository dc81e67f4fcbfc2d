import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** What `npm run build` reads: the sources, the contracts and the configs, from the project root. */
export const buildInputs = [
  'renderer',
  'electron',
  'contracts',
  'package.json',
  'package-lock.json',
  'electron.vite.config.ts',
  'tsconfig.json',
] as const

/** What browser mode serves, written afresh (folder emptied first) by every build. */
export const buildOutput = join('out', 'renderer')

/**
 * Whether the build in `out/` is current: it exists and no input changed after the oldest file
 * the last build wrote. Modification times, as make does; a missing output means stale.
 */
export function isBuildCurrent(projectRoot: string): boolean {
  const built = modificationTimes(join(projectRoot, buildOutput))
  if (built.length === 0) return false
  const builtAt = Math.min(...built)
  const sources = buildInputs.flatMap((input) => modificationTimes(join(projectRoot, input)))
  return sources.every((time) => time <= builtAt)
}

/** The modification time of every file at or under `path`; none if it does not exist. */
function modificationTimes(path: string): number[] {
  let stats
  try {
    stats = statSync(path)
  } catch {
    return []
  }
  if (!stats.isDirectory()) return [stats.mtimeMs]
  return readdirSync(path).flatMap((entry) =>
    entry === 'node_modules' ? [] : modificationTimes(join(path, entry)),
  )
}

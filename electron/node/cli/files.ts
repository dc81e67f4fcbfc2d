import { statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { FileExistsError, FileNotFoundError, NotAFileError } from '../errors.ts'

/**
 * A path as the caller meant it. `npm run cli` runs in the project root, whatever folder it was
 * typed in, and passes that folder in INIT_CWD; run directly, the working directory is the
 * caller's own.
 */
export function callerPath(path: string): string {
  return resolve(process.env.INIT_CWD || process.cwd(), path)
}

/** The caller's path of a file to read; a missing file or a folder is a typed error. */
export function inputFile(path: string): string {
  const full = callerPath(path)
  const stats = statSync(full, { throwIfNoEntry: false })
  if (!stats) throw new FileNotFoundError(`No such file: ${full}`)
  if (stats.isDirectory()) throw new NotAFileError(`${full} is a folder, not a file`)
  return full
}

/**
 * The caller's path of a file to write, checked before any work starts: its folder exists, it
 * is not a folder itself, and an existing file is replaced only when `overwrite` is set.
 */
export function outputFile(path: string, overwrite: boolean): string {
  const full = callerPath(path)
  const stats = statSync(full, { throwIfNoEntry: false })
  if (stats?.isDirectory())
    throw new NotAFileError(`${full} is a folder: give the path of a file to write`)
  if (stats && !overwrite)
    throw new FileExistsError(`${full} already exists: pass --force to overwrite it`)
  const folder = statSync(dirname(full), { throwIfNoEntry: false })
  if (!folder?.isDirectory()) throw new FileNotFoundError(`No such folder: ${dirname(full)}`)
  return full
}

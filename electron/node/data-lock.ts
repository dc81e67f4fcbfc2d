import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { DataFolderLockedError } from './errors.ts'
import { dataPaths } from './paths.ts'

export interface DataFolderLock {
  release(): void
}

/** Folders locked by this process: a second node in the same process is refused too. */
const lockedHere = new Set<string>()

/**
 * Claims the data folder for this node with a lock file holding our pid. A lock left by a
 * process that no longer runs is stale and taken over; a live one is refused.
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const path = dataPaths(dataDir).lock
  if (lockedHere.has(path)) throw lockedError(dataDir, process.pid)
  try {
    writeLockFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const owner = Number(readFileSync(path, 'utf8'))
    if (isRunning(owner)) throw lockedError(dataDir, owner)
    rmSync(path, { force: true })
    writeLockFile(path)
  }
  lockedHere.add(path)
  return {
    release() {
      lockedHere.delete(path)
      rmSync(path, { force: true })
    },
  }
}

function writeLockFile(path: string): void {
  const fd = openSync(path, 'wx', 0o600)
  writeSync(fd, String(process.pid))
  closeSync(fd)
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function lockedError(dataDir: string, pid: number) {
  return new DataFolderLockedError(
    `The data folder ${dataDir} is in use by another EMR Node instance (process ${pid})`,
  )
}

/**
 * The data folder holds medical data (the database, IPFS blocks, keys): everything in it is the
 * owner's alone, files 0600 and folders 0700, whatever the umask the node was started under.
 */
import { chmod, mkdir, opendir, stat } from 'node:fs/promises'
import { join } from 'node:path'

export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_FOLDER_MODE = 0o700
/** Group and other permission bits: none may be set on anything in the data folder. */
const SHARED_BITS = 0o077

/**
 * Makes every file and folder this process creates from now on owner-only, and creates the data
 * folder so. Once the node holds the folder's lock, `restrictTree` tightens what an earlier
 * version, or a copy from elsewhere, left readable.
 *
 * Why the process umask and not only a mode per file: the node's own writes pass a mode, but
 * LevelDB (the embedded chain's database and the IPFS datastore) creates its files with a fixed
 * 0644 that no option changes, and tightening them after the fact leaves a window in which
 * another local user could open them. The umask is process-wide; that is acceptable here
 * because every process that starts a node (the Electron shell, browser mode, the CLI) exists
 * to handle this folder's data: Chromium's own profile lives in the same folder, and what the
 * user exports (records, audit trails) is medical data that should not be world-readable either.
 * On Windows the umask and these modes have no effect: the profile folder's ACL protects it.
 */
export async function prepareDataFolder(dataDir: string): Promise<void> {
  process.umask(SHARED_BITS)
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE })
}

/** Removes group and other permissions from `dir` and everything under it. */
export async function restrictTree(dir: string): Promise<void> {
  await restrict(dir)
  for await (const entry of await opendir(dir)) {
    const path = join(dir, entry.name)
    // Symbolic links are left alone: chmod would follow them out of the folder.
    if (entry.isDirectory()) await restrictTree(path)
    else if (entry.isFile()) await restrict(path)
  }
}

/** Clears the group and other bits of `path`, keeping the owner's. */
async function restrict(path: string): Promise<void> {
  const { mode } = await stat(path)
  if ((mode & SHARED_BITS) !== 0) await chmod(path, mode & 0o7777 & ~SHARED_BITS)
}

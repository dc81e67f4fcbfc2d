/**
 * The IPFS repository on disk: `blocks/` (one file per block) and `datastore/` (LevelDB: pins,
 * the libp2p keychain holding the node's private key, the peer store).
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { FsBlockstore } from 'blockstore-fs'
import { NextToLast } from 'blockstore-fs/sharding'
import { LevelDatastore } from 'datastore-level'
import toBuffer from 'it-to-buffer'
import type { AbortOptions } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../data-folder.ts'

type BlockBytes = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>

const STAT_BATCH = 64

export interface Repo {
  blockstore: SizedFsBlockstore
  datastore: LevelDatastore
  /** Closes both stores; LevelDB keeps its lock until this resolves. */
  close(): Promise<void>
}

/** Opens (creating when missing) the repository under `repoDir`. */
export async function openRepo(repoDir: string): Promise<Repo> {
  const blockstore = new SizedFsBlockstore(path.join(repoDir, 'blocks'))
  const datastore = new LevelDatastore(path.join(repoDir, 'datastore'))
  await blockstore.open()
  await datastore.open()
  return {
    blockstore,
    datastore,
    async close() {
      await Promise.all([datastore.close(), blockstore.close()])
    },
  }
}

/**
 * An FsBlockstore that keeps a running total of its block files' sizes: it sums them once when
 * opened, then adds each new block and subtracts each deleted one, so reading it costs nothing.
 */
export class SizedFsBlockstore extends FsBlockstore {
  readonly #sharding: NextToLast
  readonly #writes = new Map<string, Promise<CID>>()
  readonly #folders = new Set<string>()
  #sizeBytes = 0

  constructor(location: string) {
    const sharding = new NextToLast()
    super(location, { shardingStrategy: sharding })
    this.#sharding = sharding
  }

  /** Total size in bytes of the block files. */
  get sizeBytes(): number {
    return this.#sizeBytes
  }

  override async open(): Promise<void> {
    await super.open()
    this.#sizeBytes = await sumFileSizes(this.path, this.#sharding.extension)
  }

  override async put(key: CID, value: BlockBytes, options?: AbortOptions): Promise<CID> {
    const file = this.#fileOf(key)
    // Two writes of one block at once would count it twice: the second waits for the first.
    const pending = this.#writes.get(file)
    if (pending !== undefined) return pending
    const write = this.#write(key, value, file, options).finally(() => this.#writes.delete(file))
    this.#writes.set(file, write)
    return write
  }

  /**
   * Reads a block in one piece: blocks are at most a few MiB (bitswap's limit is 2 MiB), and the
   * parent's stream of 64 KiB reads cost more than the bytes, a new buffer each and then a copy
   * into one.
   */
  override async *get(key: CID, options?: AbortOptions): AsyncGenerator<Uint8Array> {
    options?.signal?.throwIfAborted()
    let bytes: Uint8Array
    try {
      bytes = await fs.readFile(this.#fileOf(key), { signal: options?.signal })
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error
      throw new BlockNotFoundError(String(error))
    }
    yield bytes
  }

  override async delete(key: CID, options?: AbortOptions): Promise<void> {
    const size = await fileSize(this.#fileOf(key))
    await super.delete(key, options)
    this.#sizeBytes -= size
  }

  /**
   * Four file operations per new block (the parent takes eight, with the size): a check, then
   * the bytes written under a temporary name and renamed, so a crash never leaves part of a
   * block under its CID. Folders are created once.
   */
  async #write(key: CID, value: BlockBytes, file: string, options?: AbortOptions): Promise<CID> {
    options?.signal?.throwIfAborted()
    // Content addressing: a block already on disk holds these very bytes.
    if (await exists(file)) return key
    const bytes = value instanceof Uint8Array ? value : await toBuffer(value)
    const dir = path.dirname(file)
    const temporary = path.join(dir, `.${path.basename(file)}.tmp`)
    try {
      if (!this.#folders.has(dir)) {
        await fs.mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE })
        this.#folders.add(dir)
      }
      await fs.writeFile(temporary, bytes, { signal: options?.signal, mode: PRIVATE_FILE_MODE })
      await fs.rename(temporary, file)
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error
      throw new PutFailedError(String(error), { cause: error })
    }
    this.#sizeBytes += bytes.length
    return key
  }

  #fileOf(key: CID): string {
    const { dir, file } = this.#sharding.encode(key)
    return path.join(this.path, dir, file)
  }
}

/** What the parent throws for a missing block: callers recognise it by its name. */
class BlockNotFoundError extends Error {
  override name = 'NotFoundError'
}

/** What the parent throws for a failed write. */
class PutFailedError extends Error {
  override name = 'PutFailedError'
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file)
    return true
  } catch {
    return false
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw error
  }
}

async function sumFileSizes(dir: string, extension: string): Promise<number> {
  const files = (await fs.readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => path.join(entry.parentPath, entry.name))
  let total = 0
  for (let start = 0; start < files.length; start += STAT_BATCH) {
    const sizes = await Promise.all(files.slice(start, start + STAT_BATCH).map(fileSize))
    total += sizes.reduce((sum, size) => sum + size, 0)
  }
  return total
}

/**
 * The UnixFS importer's leaf stage for blocks made and hashed before the import (sealed on the
 * crypto workers, see `crypto/sealed-blocks.ts`): each chunk the importer is given is one leaf,
 * whose CID comes from the digest computed with it; the importer only writes it and builds the
 * tree above. Its default leaf stage would hash every block again, on the main thread.
 */
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import * as Digest from 'multiformats/hashes/digest'
import { sha256 } from 'multiformats/hashes/sha2'
import type { BufferImporter, BufferImporterResult } from 'ipfs-unixfs-importer'
import type { Chunker } from 'ipfs-unixfs-importer/chunker'

type Blockstore = Parameters<BufferImporter>[1]

/** A leaf block and the SHA-256 of its bytes. */
export interface HashedBlock {
  bytes: Uint8Array
  digest: Uint8Array
  /** Called once the block is written, when its buffer may be reused. */
  release(): void
}

/**
 * The chunker and leaf stage of one import of `blocks`: the chunker passes each block's bytes on
 * whole, the leaf stage finds the block they came with (in order) and writes it.
 */
export function hashedLeaves(blocks: AsyncIterable<HashedBlock>): {
  content: AsyncIterable<Uint8Array>
  chunker: Chunker
  bufferImporter: BufferImporter
} {
  const given: HashedBlock[] = []
  return {
    content: (async function* () {
      for await (const block of blocks) {
        given.push(block)
        yield block.bytes
      }
    })(),
    chunker: (source) => source,
    bufferImporter: async function* (file, blockstore) {
      let index = 0
      for await (const bytes of file.content) {
        const block = given.shift()
        if (block?.bytes !== bytes) throw new Error('A leaf arrived without its digest')
        // The importer reads the first leaf's bytes back when the file is that one block: its
        // buffer is not reused. It drops the others' bytes as soon as it has their results.
        const leaf = persistLeaf(block, blockstore, index++ > 0)
        // The importer awaits every job it is given; this only keeps a job that fails before its
        // turn from being reported as unhandled meanwhile.
        leaf.catch(() => {})
        yield () => leaf
      }
    },
  }
}

/** The CID a leaf is stored under: raw, from the SHA-256 digest computed with it. */
export function leafCid(digest: Uint8Array): CID {
  return CID.createV1(raw.code, Digest.create(sha256.code, digest))
}

async function persistLeaf(
  block: HashedBlock,
  blockstore: Blockstore,
  reusable: boolean,
): Promise<BufferImporterResult> {
  const cid = leafCid(block.digest)
  await blockstore.put(cid, block.bytes)
  if (reusable) block.release()
  return { cid, size: BigInt(block.bytes.length), block: block.bytes }
}

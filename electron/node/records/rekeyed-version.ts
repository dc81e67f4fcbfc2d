/**
 * The end of a key rotation (access/rotation.ts), once its version is anchored: this node deletes
 * the re-keyed version's content blocks, so it stops serving a ciphertext whose key readers who
 * lost access may hold, and remembers which version replaced it. Also run at start for a rotation
 * whose anchoring a crash interrupted (recoverUploads).
 */
import { CID } from 'multiformats/cid'
import type { HospitalNode } from '../node.ts'
import { decodeManifest } from './manifest.ts'
import { markKeyRotation } from './record-index.ts'

/** Retires the version `rotationCid` re-keyed; does nothing for a manifest that is no rotation. */
export async function retireRekeyedVersion(node: HospitalNode, rotationCid: string): Promise<void> {
  const rotation = decodeManifest(await node.ipfs.getBlock(CID.parse(rotationCid)))
  if (!rotation.keyRotation || !rotation.previous) return
  const previous = decodeManifest(await node.ipfs.getBlock(CID.parse(rotation.previous)))
  // Copies other nodes hold are beyond this node's reach (docs/architecture.md, section 5).
  await node.ipfs.discard(CID.parse(previous.content))
  markKeyRotation(node.db, rotationCid, rotation.previous, true)
}

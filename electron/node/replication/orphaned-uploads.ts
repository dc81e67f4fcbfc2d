/**
 * An upload of this node whose anchor a reorganisation took back: while its transaction may
 * still be mined (it is pending again, or mined in another block), its blocks stay; once the
 * chain holds it nowhere, the upload is rolled back and its blocks deleted, so the node stops
 * serving a ciphertext no record points to.
 */
import { CID } from 'multiformats/cid'
import type { HospitalNode } from '../node.ts'

export interface AnchoredUpload {
  id: string
  manifestCid: string
  contentCid: string | null
}

/** The finished upload of this node that produced `manifestCid`, if any. */
export function uploadOfManifest(
  node: HospitalNode,
  manifestCid: string,
): AnchoredUpload | undefined {
  const row = node.db
    .prepare(
      `SELECT id, manifest_cid AS manifestCid, content_cid AS contentCid FROM uploads
       WHERE manifest_cid = ? AND state = 'done'`,
    )
    .get(manifestCid) as AnchoredUpload | undefined
  return row ? { ...row } : undefined
}

/** Rolls the upload back and deletes its blocks when its anchor is gone for good; true if so. */
export async function discardOrphanedUpload(
  node: HospitalNode,
  upload: AnchoredUpload,
): Promise<boolean> {
  const sent = node.chain.outbox.findByIntent(`upload:${upload.id}`)
  if (sent) {
    const { provider } = node.chain
    const [receipt, pending] = await Promise.all([
      provider.getTransactionReceipt(sent.txHash),
      provider.getTransaction(sent.txHash),
    ])
    if (receipt || pending) return false
  }
  for (const cid of [upload.manifestCid, upload.contentCid]) {
    if (cid) await node.ipfs.discard(CID.parse(cid))
  }
  node.db
    .prepare(
      `UPDATE uploads SET state = 'rolled-back', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE id = ?`,
    )
    .run(upload.id)
  node.log.info('an upload whose anchor the chain dropped was rolled back', {
    upload: upload.id,
    cid: upload.manifestCid,
  })
  return true
}

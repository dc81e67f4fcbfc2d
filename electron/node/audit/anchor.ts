/**
 * Anchoring the read log's head on chain (periodically and on demand) and checking the local
 * log against those anchors. An anchor pins the log's first `entries` entries: whoever edits,
 * drops or reorders any of them afterwards cannot make the recomputed hash match the chain.
 */
import { memberView } from '../identity/members.ts'
import type { HospitalNode } from '../node.ts'
import { callRegistry, receiptView, sessionSigner } from '../identity/registry-calls.ts'
import type { AuditAnchorResult, AuditVerification } from '../access/types.ts'
import { entryHash, genesisHash, readEntries, readLogHead } from './read-log.ts'

const ANCHOR_INTENT = 'anchorAuditHead'

function lastAnchoredEntries(node: HospitalNode): number {
  const row = node.db.prepare('SELECT MAX(entries) AS n FROM audit_anchors').get() as {
    n: number | null
  }
  return row.n ?? 0
}

/** The periodic anchor: only while active staff are signed in (patients cannot anchor). */
export async function anchorIfStaffSignedIn(node: HospitalNode): Promise<void> {
  const session = node.vault.session()
  if (!session) return
  const member = await memberView(node, session.address)
  if (member.kind === 'staff' && member.status === 'active') await anchorReadLog(node)
}

/** Anchors the current head, from the signed-in staff account; nothing to do when unchanged. */
export async function anchorReadLog(node: HospitalNode): Promise<AuditAnchorResult> {
  const { entries, head } = readLogHead(node.db)
  if (entries === 0 || entries <= lastAnchoredEntries(node)) {
    return { entries, head, receipt: null }
  }
  const sent = await callRegistry(
    node,
    sessionSigner(node),
    'anchorAuditHead',
    [`0x${head}`, entries],
    { intent: `${ANCHOR_INTENT}:${entries}` },
  )
  node.db
    .prepare(
      'INSERT OR REPLACE INTO audit_anchors (entries, head, tx_hash, block_number) VALUES (?, ?, ?, ?)',
    )
    .run(entries, head, sent.txHash, sent.blockNumber)
  return { entries, head, receipt: receiptView(node, sent, 'anchored') }
}

/**
 * Recomputes the hash chain from the genesis hash, and compares the heads this node anchored
 * (its own records, and its outbox's anchor transactions, so deleting either is noticed) with
 * the chain's events.
 */
export function verifyReadLog(node: HospitalNode): AuditVerification {
  const problems: AuditVerification['problems'] = []
  // Two chains: each entry is checked against the hash stored before it, which pins down the
  // entry that changed; anchors are checked against the chain recomputed from the genesis hash.
  const recomputed = new Map<number, string>()
  let stored = genesisHash(node.db)
  let previous = stored
  let expectedSeq = 1
  for (const entry of readEntries(node.db)) {
    if (entry.seq !== expectedSeq) {
      problems.push({
        kind: 'missing',
        seq: expectedSeq,
        message: `Entries ${expectedSeq} to ${entry.seq - 1} are missing from the read log`,
      })
    }
    expectedSeq = entry.seq + 1
    if (entryHash(stored, entry) !== entry.hash) {
      problems.push({
        kind: 'altered',
        seq: entry.seq,
        message: `Entry ${entry.seq} was changed after it was written`,
      })
    }
    previous = entryHash(previous, entry)
    recomputed.set(entry.seq, previous)
    stored = entry.hash
  }
  const { entries, head } = readLogHead(node.db)

  const localAnchors = node.db
    .prepare('SELECT entries, head, tx_hash AS txHash FROM audit_anchors')
    .all() as { entries: number; head: string; txHash: string }[]
  const sentAnchors = node.db
    .prepare(
      `SELECT tx_hash AS txHash FROM tx_outbox WHERE intent LIKE '${ANCHOR_INTENT}:%' AND status = 'mined'`,
    )
    .all() as { txHash: string }[]
  const txHashes = new Set([...localAnchors, ...sentAnchors].map((a) => a.txHash.toLowerCase()))
  const onChain = node.chain.indexer
    .events('AuditHeadAnchored')
    .filter((e) => txHashes.has(e.txHash.toLowerCase()))

  const anchors = onChain.map((event) => {
    const anchoredEntries = Number(event.args.entries)
    const anchoredHead = event.args.head!.slice(2)
    const local = localAnchors.find((a) => a.txHash.toLowerCase() === event.txHash.toLowerCase())
    const matches = recomputed.get(anchoredEntries) === anchoredHead
    if (!local) {
      problems.push({
        kind: 'anchor-record-missing',
        seq: anchoredEntries,
        message: `The record of the anchor of entry ${anchoredEntries} (tx ${event.txHash}) was removed from this node`,
      })
    }
    if (anchoredEntries > entries) {
      problems.push({
        kind: 'truncated',
        seq: anchoredEntries,
        message: `The chain anchors ${anchoredEntries} entries, the log now holds ${entries}`,
      })
    } else if (!matches) {
      problems.push({
        kind: 'anchor-mismatch',
        seq: anchoredEntries,
        message: `The log's first ${anchoredEntries} entries no longer hash to the head anchored in tx ${event.txHash}`,
      })
    }
    return {
      entries: anchoredEntries,
      head: anchoredHead,
      txHash: event.txHash,
      blockNumber: event.blockNumber,
      ok: matches,
    }
  })
  for (const local of localAnchors) {
    if (!onChain.some((e) => e.txHash.toLowerCase() === local.txHash.toLowerCase())) {
      problems.push({
        kind: 'anchor-not-on-chain',
        seq: local.entries,
        message: `No anchor on chain matches the recorded tx ${local.txHash}`,
      })
    }
  }
  return { ok: problems.length === 0, entries, head, anchors, problems }
}

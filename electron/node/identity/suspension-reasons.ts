/**
 * Why a staff member was suspended, as a reason code kept on the node that suspended them. The
 * chain's event says who suspended whom; the reason is the institution's business, not the
 * consortium's, and free text never goes on chain.
 */
import type { Database } from '../db/database.ts'
import type { SuspensionReason } from './schemas.ts'

export function recordSuspensionReason(
  db: Database,
  suspension: { txHash: string; account: string; reason: SuspensionReason },
): void {
  db.prepare(
    'INSERT OR REPLACE INTO staff_suspension_reasons (tx_hash, account, reason) VALUES (?, ?, ?)',
  ).run(suspension.txHash.toLowerCase(), suspension.account.toLowerCase(), suspension.reason)
}

/** The reason of each suspension this node made, by the suspension's transaction. */
export function suspensionReasons(db: Database): Map<string, SuspensionReason> {
  const rows = db.prepare('SELECT tx_hash, reason FROM staff_suspension_reasons').all() as {
    tx_hash: string
    reason: SuspensionReason
  }[]
  return new Map(rows.map((row) => [row.tx_hash, row.reason]))
}

/**
 * A patient's "no" to an access request. The registry has no refusal (the answer to a request is
 * a grant or nothing), so the decline lives on the node where the patient gave it: it takes the
 * request off the patient's list there and tells that node's staff. Other nodes still see the
 * request unanswered; no access follows from it anywhere.
 */
import type { Database } from '../db/database.ts'
import { InvalidInputError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'

/**
 * The patient declines one of their requests (the api admits only the patient signed in);
 * declining twice keeps the first time.
 */
export function declineRequest(
  node: HospitalNode,
  input: { patient: string; requestTxHash: string },
): { declinedAt: string } {
  const patient = input.patient.toLowerCase()
  const txHash = input.requestTxHash.toLowerCase()
  const request = node.chain.indexer
    .events('AccessRequested')
    .find((event) => event.txHash.toLowerCase() === txHash)
  if (!request || request.args.patient?.toLowerCase() !== patient) {
    throw new InvalidInputError('No access request with this transaction was made to this patient')
  }
  node.db
    .prepare(
      `INSERT OR IGNORE INTO access_request_declines (request_tx_hash, patient, declined_at)
       VALUES (?, ?, ?)`,
    )
    .run(txHash, patient, new Date().toISOString())
  const row = node.db
    .prepare('SELECT declined_at FROM access_request_declines WHERE request_tx_hash = ?')
    .get(txHash) as { declined_at: string }
  return { declinedAt: row.declined_at }
}

/** When each of the patient's declined requests was declined, by request transaction. */
export function declinedRequests(db: Database, patient: string): Map<string, string> {
  const rows = db
    .prepare('SELECT request_tx_hash, declined_at FROM access_request_declines WHERE patient = ?')
    .all(patient.toLowerCase()) as { request_tx_hash: string; declined_at: string }[]
  return new Map(rows.map((row) => [row.request_tx_hash, row.declined_at]))
}

/** Marking a record version entered in error on chain, and when each mark was made. */
import { blockTimes } from '../chain/block-times.ts'
import { callRegistry, receiptView, sessionSigner } from '../identity/registry-calls.ts'
import type { TxReceiptView } from '../identity/types.ts'
import type { HospitalNode } from '../node.ts'
import { reasonCode, type EnteredInErrorReason } from './entered-in-error-schema.ts'
import type { RecordView } from './types.ts'

/** Marks a version entered in error; the registry checks the caller is custodian staff. */
export async function markEnteredInError(
  node: HospitalNode,
  input: { recordId: number; version: number; reason: EnteredInErrorReason },
): Promise<TxReceiptView> {
  const sent = await callRegistry(
    node,
    sessionSigner(node),
    'markEnteredInError',
    [input.recordId, input.version, reasonCode(input.reason)],
    { intent: `entered-in-error:${input.recordId}:${input.version}` },
  )
  return receiptView(node, sent, 'entered in error')
}

/** Fills in when each entered-in-error mark of these records was mined (block times). */
export async function withEnteredInErrorTimes(
  node: HospitalNode,
  records: RecordView[],
): Promise<RecordView[]> {
  const marks = records.flatMap((record) =>
    record.versions.flatMap((version) => (version.enteredInError ? [version.enteredInError] : [])),
  )
  if (marks.length === 0) return records
  const times = await blockTimes(
    node,
    marks.map((mark) => mark.blockNumber),
  )
  for (const mark of marks) mark.at = times.get(mark.blockNumber) ?? null
  return records
}

import { useState } from 'react'
import type { StaffRow } from '../../../../electron/node/identity/types.ts'
import type { DecisionMade } from './DecisionReceipts.tsx'
import { useStaffDecision, type StaffDecision, type StaffDecisionInput } from './queries.ts'
import type { SuspensionReason } from './suspensionReasons.ts'

/** Decisions on staff rows, each kept with its receipt for this screen's lifetime. */
export function useDecisions() {
  const mutation = useStaffDecision()
  const [made, setMade] = useState<DecisionMade[]>([])
  const send = (input: StaffDecisionInput, row: StaffRow) =>
    mutation.mutate(input, {
      onSuccess: (receipt) =>
        setMade((list) => [{ decision: input.decision, row, receipt }, ...list]),
    })

  return {
    made,
    error: mutation.error,
    clearError: mutation.reset,
    /** Whether this decision on this row is on its way to the chain. */
    isPending(decision: StaffDecision, row: StaffRow): boolean {
      return (
        mutation.isPending &&
        mutation.variables.decision === decision &&
        mutation.variables.account === row.address
      )
    },
    busy: mutation.isPending,
    decide(decision: Exclude<StaffDecision, 'suspend'>, row: StaffRow) {
      send({ decision, account: row.address }, row)
    },
    /** Suspends with the reason the administrator chose; the reason stays on this node. */
    suspend(row: StaffRow, reason: SuspensionReason) {
      send({ decision: 'suspend', account: row.address, reason }, row)
    },
  }
}

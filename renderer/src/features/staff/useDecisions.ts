import { useState } from 'react'
import type { StaffRow } from '../../../../electron/node/identity/types.ts'
import type { DecisionMade } from './DecisionReceipts.tsx'
import { useStaffDecision, type StaffDecision } from './queries.ts'

/** Decisions on staff rows, each kept with its receipt for this screen's lifetime. */
export function useDecisions() {
  const mutation = useStaffDecision()
  const [made, setMade] = useState<DecisionMade[]>([])

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
    decide(decision: StaffDecision, row: StaffRow) {
      mutation.mutate(
        { decision, account: row.address },
        { onSuccess: (receipt) => setMade((list) => [{ decision, row, receipt }, ...list]) },
      )
    },
  }
}

import { Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { StaffRow, TxReceiptView } from '../../../../electron/node/identity/types.ts'
import { shortAddress } from '../../shared/address.ts'
import { ReceiptCard } from '../../shared/ReceiptCard.tsx'
import type { StaffDecision } from './queries.ts'

export interface DecisionMade {
  decision: StaffDecision
  row: Pick<StaffRow, 'address' | 'name'>
  receipt: TxReceiptView
}

const titleKeys = {
  approve: 'staff.approvedTitle',
  reject: 'staff.rejectedTitle',
  suspend: 'staff.suspendedTitle',
  reinstate: 'staff.reinstatedTitle',
} as const

/** The receipts of the decisions taken on this screen, newest first. */
export function DecisionReceipts({ decisions }: { decisions: readonly DecisionMade[] }) {
  const { t } = useTranslation()
  // Always in the page, so screen readers announce each receipt as it arrives.
  return (
    <Stack gap="md" aria-live="polite">
      {decisions.map(({ decision, row, receipt }) => (
        <ReceiptCard
          key={receipt.txHash}
          receipt={receipt}
          title={t(titleKeys[decision], { who: row.name ?? shortAddress(row.address) })}
        />
      ))}
    </Stack>
  )
}

import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { TopUpOutcome } from '../../../electron/node/identity/types.ts'
import { ErrorAlert } from './ErrorAlert.tsx'

/**
 * The new member's gas top-up that followed a transaction on an external chain: how much was
 * sent, or why it could not be (the transaction itself stands; fund the account by hand).
 */
export function TopUpNote({ topUp }: { topUp: TopUpOutcome }) {
  const { t } = useTranslation()
  if ('error' in topUp) {
    return (
      <ErrorAlert error={topUp.error} title={t('funding.topUpFailed', { account: topUp.to })} />
    )
  }
  return (
    <Text size="sm" data-testid="receipt-top-up">
      {t('funding.toppedUp', { amount: topUp.amount, account: topUp.to })}
    </Text>
  )
}

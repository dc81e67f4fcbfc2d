import { Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AccessActionResult } from '../../../../electron/node/access/types.ts'
import { ReceiptCard } from '../../shared/ReceiptCard.tsx'
import type { PatientAction } from './queries.ts'

export interface ActionDone {
  action: PatientAction
  readerName: string
  result: AccessActionResult
}

/** The receipts of the patient's decisions taken on this screen, newest first. */
export function ActionReceipts({ done }: { done: readonly ActionDone[] }) {
  const { t } = useTranslation()
  const titleOf = ({ action, readerName }: ActionDone): string => {
    if (action.kind === 'grant') return t('access.done.granted', { who: readerName })
    if (action.kind === 'revoke') return t('access.done.revoked', { who: readerName })
    return action.restricted
      ? t('access.done.restricted', { id: action.recordId })
      : t('access.done.unrestricted', { id: action.recordId })
  }
  // Always in the page, so screen readers announce each receipt as it arrives.
  return (
    <Stack gap="md" aria-live="polite">
      {done.map((entry) => (
        <Stack key={entry.result.receipt.txHash} gap={6}>
          <ReceiptCard receipt={entry.result.receipt} title={titleOf(entry)} />
          {entry.action.kind === 'grant' && entry.result.keysShared !== undefined && (
            <Text size="sm" data-testid="keys-shared" data-value={entry.result.keysShared}>
              {t('access.done.keysShared', { count: entry.result.keysShared })}
            </Text>
          )}
          {(entry.result.rotated?.length ?? 0) > 0 && (
            <Text size="sm" data-testid="records-rekeyed" data-value={entry.result.rotated!.length}>
              {t('access.done.rekeyed', { count: entry.result.rotated!.length })}
            </Text>
          )}
          {(entry.result.grantsReissued ?? 0) > 0 && (
            <Text size="sm" data-testid="grants-reissued">
              {t('access.done.grantsReissued', { count: entry.result.grantsReissued })}
            </Text>
          )}
          {entry.result.via && (
            <Text size="xs" c="dimmed">
              {entry.result.via === 'patient-session'
                ? t('access.done.viaSession')
                : t('access.done.viaSignature')}
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  )
}

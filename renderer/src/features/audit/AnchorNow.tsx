import { Alert, Button, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { ReceiptCard } from '../../shared/ReceiptCard.tsx'
import { useAnchorReadLog } from './queries.ts'

/** Writes the read log's head on chain now, instead of waiting for the next scheduled anchor. */
export function AnchorNow() {
  const { t } = useTranslation()
  const anchor = useAnchorReadLog()
  const result = anchor.data

  return (
    <Stack gap="sm" align="flex-start">
      <Button variant="light" onClick={() => anchor.mutate()} loading={anchor.isPending}>
        {t('audit.anchor.button')}
      </Button>
      {anchor.isPending && (
        <Text size="sm" c="dimmed" role="status">
          {t('common.sendingTransaction')}
        </Text>
      )}
      {anchor.error && (
        <ErrorAlert error={anchor.error} title={t('audit.anchor.failed')} onClose={anchor.reset} />
      )}
      {/* Always in the page, so screen readers announce the result as it arrives. */}
      <Stack gap="sm" w="100%" aria-live="polite">
        {result?.receipt && (
          <ReceiptCard
            receipt={result.receipt}
            title={t('audit.anchor.done', { count: result.entries })}
          />
        )}
        {result && !result.receipt && (
          <Alert color="gray" variant="light" data-testid="audit-nothing-to-anchor">
            {t('audit.anchor.nothingNew', { count: result.entries })}
          </Alert>
        )}
      </Stack>
    </Stack>
  )
}

import { Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { TimelineCard } from './TimelineCard.tsx'
import { VerifyPanel } from './VerifyPanel.tsx'

/**
 * The audit trail: what the chain recorded and what this node read, in one timeline, and whether
 * the node's read log is still the one anchored on chain.
 */
export function AuditScreen() {
  const { t } = useTranslation()
  return (
    <>
      <ScreenHeader title={t('audit.title')} />
      <Stack gap="lg" maw={1400}>
        <VerifyPanel />
        <TimelineCard />
      </Stack>
    </>
  )
}

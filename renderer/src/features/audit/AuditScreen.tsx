import { Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { useSession } from '../session/queries.ts'
import { TimelineCard } from './TimelineCard.tsx'
import { VerifyPanel } from './VerifyPanel.tsx'

/**
 * The audit trail: what the chain recorded and what this node read, in one timeline, and whether
 * the node's read log is still the one anchored on chain.
 */
export function AuditScreen() {
  const { t } = useTranslation()
  // A patient sees who did what with their own records (the node narrows it to them); the read
  // log's integrity is the hospital's to check.
  const isPatient = useSession().data?.member.kind === 'patient'
  return (
    <>
      <ScreenHeader title={t('audit.title')} />
      <Stack gap="lg" maw={1400}>
        {!isPatient && <VerifyPanel />}
        <TimelineCard ownRecordsOnly={isPatient} />
      </Stack>
    </>
  )
}

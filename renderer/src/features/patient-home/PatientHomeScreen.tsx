import { Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ownPatientAddress } from '../../shared/access.ts'
import { PageLoader } from '../../shared/PageLoader.tsx'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { AccessPanel } from '../access/AccessPanel.tsx'
import { PatientChart } from '../records/chart/PatientChart.tsx'
import { useSession } from '../session/queries.ts'
import { RecentActivity } from './RecentActivity.tsx'

/**
 * A signed-in patient's home: their records to open, who asks for access and who holds it (they
 * sign their own answers), and what was done with their records. The pieces are the chart's and
 * the audit screen's own; the api answers a patient about themselves only.
 */
export function PatientHomeScreen() {
  const { t } = useTranslation()
  const session = useSession().data
  if (!session) return <PageLoader />
  const self = ownPatientAddress(session)

  return (
    <>
      <ScreenHeader title={t('patientHome.title')} />
      <Stack gap="lg" maw={1200}>
        <Text c="dimmed">{t('patientHome.intro')}</Text>
        <PatientChart patient={self} canUpload={false} self={self} />
        <AccessPanel patient={self} self={self} asPatient />
        <RecentActivity />
      </Stack>
    </>
  )
}

import { Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router'
import { addressSchema } from '../../../../electron/node/identity/schemas.ts'
import { cidSchema } from '../../../../electron/node/records/schemas.ts'
import { isActiveStaff } from '../../shared/access.ts'
import { PageLoader } from '../../shared/PageLoader.tsx'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { useSession } from '../session/queries.ts'
import { PatientChart } from './chart/PatientChart.tsx'
import { PatientBanner } from './chart/PatientBanner.tsx'
import { PatientPicker } from './chart/PatientPicker.tsx'
import { chartLocation } from './recordsPath.ts'
import { RecordViewer } from './viewer/RecordViewer.tsx'

/**
 * The patient chart (paper Fig. 3). Staff pick a patient, a patient sees their own records; the
 * address bar holds the patient and the open version, so Back leaves the viewer.
 */
export function RecordsScreen() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const session = useSession().data
  const [params] = useSearchParams()
  if (!session) return <PageLoader />

  const staff = isActiveStaff(session)
  const asked = addressSchema.safeParse(params.get('patient') ?? '')
  const patient = staff ? (asked.success ? asked.data : undefined) : session.address
  const view = cidSchema.safeParse(params.get('view') ?? '')

  return (
    <>
      <ScreenHeader title={t('records.title')} />
      <Stack gap="lg" maw={1200}>
        {patient === undefined ? (
          <PatientPicker onPick={(address) => navigate(chartLocation(address))} />
        ) : (
          <>
            <PatientBanner patient={patient} canChange={staff} isSelf={!staff} />
            {view.success ? (
              <RecordViewer patient={patient} cid={view.data} />
            ) : (
              <PatientChart patient={patient} canUpload={staff} self={session.address} />
            )}
          </>
        )}
      </Stack>
    </>
  )
}

import { Group, Stack, Tabs } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router'
import { addressSchema } from '../../../../electron/node/identity/schemas.ts'
import { cidSchema } from '../../../../electron/node/records/schemas.ts'
import { isActiveStaff, ownPatientAddress } from '../../shared/access.ts'
import { shortAddress } from '../../shared/address.ts'
import { PageLoader } from '../../shared/PageLoader.tsx'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { AccessPanel } from '../access/AccessPanel.tsx'
import { StaffAccessPrompt } from '../access/StaffAccessPrompt.tsx'
import { BreakGlassButton } from '../emergency/BreakGlassButton.tsx'
import { EmergencyBanner } from '../emergency/EmergencyBanner.tsx'
import { useMyActiveEmergency } from '../emergency/queries.ts'
import { useSession } from '../session/queries.ts'
import { PatientChart } from './chart/PatientChart.tsx'
import { PatientBanner } from './chart/PatientBanner.tsx'
import { PatientPicker } from './chart/PatientPicker.tsx'
import { usePatientRow } from './chart/usePatientRow.ts'
import { accessLocation, chartLocation, type ChartPanel } from './recordsPath.ts'
import { UnfinishedUploads } from './upload/UnfinishedUploads.tsx'
import { RecordViewer } from './viewer/RecordViewer.tsx'

/**
 * The patient chart (paper Fig. 3). Staff pick a patient, a patient sees their own records; the
 * address bar holds the patient, the panel (records or access) and the open version, so Back
 * leaves the viewer.
 */
export function RecordsScreen() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const session = useSession().data
  const [params] = useSearchParams()
  const staff = !!session && isActiveStaff(session)
  const asked = addressSchema.safeParse(params.get('patient') ?? '')
  const chosen = asked.success ? asked.data : undefined
  const patient = staff ? chosen : session ? ownPatientAddress(session) : undefined
  const emergency = useMyActiveEmergency(patient ?? '', session?.address ?? '', staff && !!patient)
  const { row } = usePatientRow(patient ?? '', staff && !!patient)
  if (!session) return <PageLoader />

  const view = cidSchema.safeParse(params.get('view') ?? '')
  const panel: ChartPanel = params.get('panel') === 'access' ? 'access' : 'records'

  return (
    <>
      <ScreenHeader title={t('records.title')} />
      <Stack gap="lg" maw={1200}>
        {staff && <UnfinishedUploads />}
        {patient === undefined ? (
          <PatientPicker onPick={(address) => navigate(chartLocation(address))} />
        ) : (
          <>
            <PatientBanner patient={patient} canChange={staff} isSelf={!staff} />
            {emergency && <EmergencyBanner emergency={emergency} />}
            {view.success ? (
              <RecordViewer patient={patient} cid={view.data} />
            ) : (
              <Tabs
                value={panel}
                onChange={(next) =>
                  navigate(next === 'access' ? accessLocation(patient) : chartLocation(patient), {
                    replace: true,
                  })
                }
                keepMounted={false}
              >
                <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
                  <Tabs.List>
                    <Tabs.Tab value="records">{t('records.chart.title')}</Tabs.Tab>
                    <Tabs.Tab value="access">{t('access.tab')}</Tabs.Tab>
                  </Tabs.List>
                  {staff && (
                    <BreakGlassButton
                      patient={patient}
                      patientName={row?.name ?? shortAddress(patient)}
                      declared={emergency !== undefined}
                    />
                  )}
                </Group>
                <Tabs.Panel value="records">
                  <Stack gap="lg">
                    {staff && !emergency && (
                      <StaffAccessPrompt patient={patient} self={session.address} />
                    )}
                    <PatientChart patient={patient} canUpload={staff} self={session.address} />
                  </Stack>
                </Tabs.Panel>
                <Tabs.Panel value="access">
                  <AccessPanel patient={patient} self={session.address} asPatient={!staff} />
                </Tabs.Panel>
              </Tabs>
            )}
          </>
        )}
      </Stack>
    </>
  )
}

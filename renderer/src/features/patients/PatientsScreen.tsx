import { Card, Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { PatientDesk } from './PatientDesk.tsx'
import { PatientSearch } from './PatientSearch.tsx'

export function PatientsScreen() {
  const { t } = useTranslation()
  return (
    <>
      <ScreenHeader title={t('patients.title')} />
      <Stack gap="xl" maw={1100}>
        <Card
          component="section"
          aria-label={t('patients.deskTitle')}
          withBorder
          radius="md"
          padding="lg"
        >
          <Title order={2} size="h4" mb="md">
            {t('patients.deskTitle')}
          </Title>
          <PatientDesk />
        </Card>
        <Card
          component="section"
          aria-label={t('patients.searchTitle')}
          withBorder
          radius="md"
          padding="lg"
        >
          <Title order={2} size="h4" mb="md">
            {t('patients.searchTitle')}
          </Title>
          <PatientSearch />
        </Card>
      </Stack>
    </>
  )
}

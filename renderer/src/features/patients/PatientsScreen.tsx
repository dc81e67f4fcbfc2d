import { Card, Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { isActiveAdmin } from '../../shared/access.ts'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { useSession } from '../session/queries.ts'
import { KeyReissueDesk } from './KeyReissueDesk.tsx'
import { PatientDesk } from './PatientDesk.tsx'
import { PatientSearch } from './PatientSearch.tsx'

export function PatientsScreen() {
  const { t } = useTranslation()
  const session = useSession().data
  // Re-issuing a patient's key is an administrator's: they relay it and re-wrap the keys.
  const admin = !!session && isActiveAdmin(session)
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
        {admin && (
          <Card
            component="section"
            aria-label={t('patients.reissue.title')}
            withBorder
            radius="md"
            padding="lg"
          >
            <Title order={2} size="h4" mb="md">
              {t('patients.reissue.title')}
            </Title>
            <KeyReissueDesk />
          </Card>
        )}
      </Stack>
    </>
  )
}

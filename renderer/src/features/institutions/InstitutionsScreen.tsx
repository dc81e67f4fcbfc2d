import { Card, Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { FundAccountForm } from '../accounts/FundAccountForm.tsx'
import { AddInstitutionForm } from './AddInstitutionForm.tsx'
import { InstitutionTable } from './InstitutionTable.tsx'

/** The governor's desk: the network's hospitals, adding one, and funding accounts' gas. */
export function InstitutionsScreen() {
  const { t } = useTranslation()
  return (
    <>
      <ScreenHeader title={t('institutions.title')} />
      <Stack gap="xl" maw={1100}>
        <Card
          component="section"
          aria-label={t('institutions.listTitle')}
          withBorder
          radius="md"
          padding="lg"
        >
          <Title order={2} size="h4" mb="md">
            {t('institutions.listTitle')}
          </Title>
          <InstitutionTable />
        </Card>
        <Card
          component="section"
          aria-label={t('institutions.addTitle')}
          withBorder
          radius="md"
          padding="lg"
        >
          <Title order={2} size="h4" mb="md">
            {t('institutions.addTitle')}
          </Title>
          <AddInstitutionForm />
        </Card>
        <Card
          component="section"
          aria-label={t('funding.title')}
          withBorder
          radius="md"
          padding="lg"
        >
          <Title order={2} size="h4" mb="md">
            {t('funding.title')}
          </Title>
          <FundAccountForm />
        </Card>
      </Stack>
    </>
  )
}

import { Card, Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { PageLoader } from '../../shared/PageLoader.tsx'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { FundAccountForm } from '../accounts/FundAccountForm.tsx'
import { useSession } from '../session/queries.ts'
import { DirectRegistrationForm } from './DirectRegistrationForm.tsx'
import { PendingRegistrations } from './PendingRegistrations.tsx'

/**
 * The institution administrator's desk: pending registrations, direct registration, and gas for
 * accounts on an external chain.
 */
export function ApprovalsScreen() {
  const { t } = useTranslation()
  const institution = useSession().data?.member.institution

  return (
    <>
      <ScreenHeader title={t('approvals.title')} />
      {institution == null ? (
        <PageLoader />
      ) : (
        <Stack gap="xl" maw={1100}>
          <Card
            component="section"
            aria-label={t('approvals.pendingTitle')}
            withBorder
            radius="md"
            padding="lg"
          >
            <Title order={2} size="h4" mb="md">
              {t('approvals.pendingTitle')}
            </Title>
            <PendingRegistrations institution={institution} />
          </Card>
          <Card
            component="section"
            aria-label={t('approvals.directTitle')}
            withBorder
            radius="md"
            padding="lg"
          >
            <Title order={2} size="h4" mb="md">
              {t('approvals.directTitle')}
            </Title>
            <DirectRegistrationForm />
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
      )}
    </>
  )
}

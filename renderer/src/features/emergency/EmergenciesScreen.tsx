import { Button, Card, Group, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EmergencyView } from '../../../../electron/node/access/types.ts'
import { isActiveAdmin } from '../../shared/access.ts'
import { shortAddress } from '../../shared/address.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { PageLoader } from '../../shared/PageLoader.tsx'
import { ReceiptCard } from '../../shared/ReceiptCard.tsx'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { useSession } from '../session/queries.ts'
import { EmergencyTable } from './EmergencyTable.tsx'
import { EmergencyPolicyCard } from './EmergencyPolicyCard.tsx'
import { useEmergencies, useEmergencyPolicy, useReleaseKeys } from './queries.ts'

type Shown = 'active' | 'all'

/**
 * The review of every break-the-glass on the network: who, on whom, why, until when, whether the
 * custodian released the keys, and how many reads were logged. Administrators set who may declare
 * and turn automatic release on, and release keys by hand when no node did it yet.
 */
export function EmergenciesScreen() {
  const { t } = useTranslation()
  const session = useSession().data
  const [shown, setShown] = useState<Shown>('active')
  const emergencies = useEmergencies(shown === 'active')
  const release = useReleaseKeys()
  const admin = !!session && isActiveAdmin(session)
  const policy = useEmergencyPolicy(admin ? session.member.institution : null)
  if (!session) return <PageLoader />

  const actions = (emergency: EmergencyView) => {
    if (!admin || !emergency.active || emergency.keysReleasedAt) return null
    if (emergency.institution !== session.member.institution) return null
    const busy =
      release.isPending &&
      release.variables.patient === emergency.patient.address &&
      release.variables.staff === emergency.staff.address
    return (
      <Button
        size="xs"
        color="red"
        variant="light"
        loading={busy}
        disabled={release.isPending}
        aria-label={t('emergency.release.buttonWho', {
          who: emergency.staff.name ?? shortAddress(emergency.staff.address),
        })}
        onClick={() =>
          release.mutate({ patient: emergency.patient.address, staff: emergency.staff.address })
        }
      >
        {t('emergency.release.button')}
      </Button>
    )
  }

  return (
    <>
      <ScreenHeader title={t('emergency.title')} />
      <Stack gap="lg" maw={1300}>
        <Text size="sm" c="dimmed">
          {t('emergency.description')}
        </Text>
        {admin && policy.data && <EmergencyPolicyCard policy={policy.data} />}
        {release.isError && (
          <ErrorAlert
            error={release.error}
            title={t('emergency.release.failed')}
            onClose={release.reset}
          />
        )}
        {release.isSuccess && (
          <ReceiptCard
            receipt={release.data.receipt}
            title={t('emergency.release.doneTitle', { count: release.data.keysShared ?? 0 })}
          />
        )}
        <Card withBorder radius="md" padding="lg">
          <Group justify="space-between" mb="md" wrap="wrap">
            <SegmentedControl
              aria-label={t('emergency.filter.label')}
              value={shown}
              onChange={(value) => setShown(value === 'all' ? 'all' : 'active')}
              data={[
                { value: 'active', label: t('emergency.filter.active') },
                { value: 'all', label: t('emergency.filter.all') },
              ]}
            />
            {emergencies.data && (
              <Text size="sm" c="dimmed" role="status">
                {t('emergency.count', { count: emergencies.data.length })}
              </Text>
            )}
          </Group>
          {emergencies.isPending ? (
            <Skeleton height={160} />
          ) : emergencies.isError ? (
            <ErrorAlert
              error={emergencies.error}
              onRetry={() => void emergencies.refetch()}
              retrying={emergencies.isFetching}
            />
          ) : emergencies.data.length === 0 ? (
            <Text c="dimmed" data-testid="no-emergencies">
              {shown === 'active' ? t('emergency.noneActive') : t('emergency.none')}
            </Text>
          ) : (
            <EmergencyTable
              emergencies={emergencies.data}
              self={session.address}
              columns={['patient', 'staff']}
              actions={admin ? actions : undefined}
            />
          )}
        </Card>
      </Stack>
    </>
  )
}

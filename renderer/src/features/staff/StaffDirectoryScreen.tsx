import { Button, Card, Group, Skeleton, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionView, StaffRow } from '../../../../electron/node/identity/types.ts'
import { isActiveAdmin } from '../../shared/access.ts'
import { shortAddress } from '../../shared/address.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { useSession } from '../session/queries.ts'
import { DecisionReceipts } from './DecisionReceipts.tsx'
import { useStaffList } from './queries.ts'
import { StaffTable } from './StaffTable.tsx'
import { StatusFilter, type StatusChoice } from './StatusFilter.tsx'
import { SuspendDialog } from './SuspendDialog.tsx'
import { useDecisions } from './useDecisions.ts'

/** An administrator acts on staff of their own institution, never on themselves. */
function canManage(session: SessionView | null | undefined, row: StaffRow): boolean {
  return (
    !!session &&
    isActiveAdmin(session) &&
    row.institution === session.member.institution &&
    row.address.toLowerCase() !== session.address.toLowerCase()
  )
}

/** Everyone registered on the network, with their status; administrators suspend and reinstate. */
export function StaffDirectoryScreen() {
  const { t } = useTranslation()
  const session = useSession().data
  const [status, setStatus] = useState<StatusChoice>('all')
  const staff = useStaffList(status === 'all' ? {} : { status })
  const decisions = useDecisions()
  const admin = !!session && isActiveAdmin(session)
  // The row whose suspension waits for the administrator's confirmation and reason.
  const [suspending, setSuspending] = useState<StaffRow>()
  const nameOf = (row: StaffRow) => row.name ?? shortAddress(row.address)

  const actions = (row: StaffRow) => {
    if (!canManage(session, row)) return null
    const who = nameOf(row)
    if (row.status === 'active') {
      return (
        <Button
          size="xs"
          variant="light"
          color="red"
          aria-label={t('staff.suspendWho', { who })}
          loading={decisions.isPending('suspend', row)}
          disabled={decisions.busy}
          onClick={() => setSuspending(row)}
        >
          {t('staff.suspend')}
        </Button>
      )
    }
    if (row.status === 'suspended') {
      return (
        <Button
          size="xs"
          variant="light"
          aria-label={t('staff.reinstateWho', { who })}
          loading={decisions.isPending('reinstate', row)}
          disabled={decisions.busy}
          onClick={() => decisions.decide('reinstate', row)}
        >
          {t('staff.reinstate')}
        </Button>
      )
    }
    return null
  }

  return (
    <>
      <ScreenHeader title={t('staff.directoryTitle')} />
      <Stack gap="lg">
        {decisions.error && (
          <ErrorAlert
            error={decisions.error}
            title={t('staff.decisionFailed')}
            onClose={decisions.clearError}
          />
        )}
        <DecisionReceipts decisions={decisions.made} />
        <Card withBorder radius="md" padding="lg">
          <Group justify="space-between" mb="md" wrap="wrap">
            <StatusFilter value={status} onChange={setStatus} />
            {staff.data && (
              <Text size="sm" c="dimmed">
                {t('staff.count', { count: staff.data.length })}
              </Text>
            )}
          </Group>
          {staff.isPending ? (
            <Skeleton height={160} />
          ) : staff.isError ? (
            <ErrorAlert
              error={staff.error}
              onRetry={() => void staff.refetch()}
              retrying={staff.isFetching}
            />
          ) : staff.data.length === 0 ? (
            <Text c="dimmed">{t('staff.empty')}</Text>
          ) : (
            <StaffTable
              rows={staff.data}
              caption={t('staff.directoryTitle')}
              columns={['institution', 'status']}
              actions={admin ? actions : undefined}
            />
          )}
        </Card>
      </Stack>
      <SuspendDialog
        who={suspending && nameOf(suspending)}
        onCancel={() => setSuspending(undefined)}
        onConfirm={(reason) => {
          if (suspending) decisions.suspend(suspending, reason)
          setSuspending(undefined)
        }}
      />
    </>
  )
}

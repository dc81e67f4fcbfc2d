import { Button, Group, Skeleton, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StaffRow } from '../../../../electron/node/identity/types.ts'
import { shortAddress } from '../../shared/address.ts'
import { ConfirmDialog } from '../../shared/ConfirmDialog.tsx'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { DecisionReceipts } from '../staff/DecisionReceipts.tsx'
import { useStaffList } from '../staff/queries.ts'
import { useDecisions } from '../staff/useDecisions.ts'
import { RegistrationReview } from './RegistrationReview.tsx'

/**
 * Registrations waiting at this administrator's institution, each shown with what to check on
 * the IC card, then approved or rejected.
 */
export function PendingRegistrations({ institution }: { institution: number }) {
  const { t } = useTranslation()
  const pending = useStaffList({ status: 'pending', institution })
  const decisions = useDecisions()
  const [rejecting, setRejecting] = useState<StaffRow>()
  const who = (row: StaffRow) => row.name ?? shortAddress(row.address)

  const actions = (row: StaffRow) => (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        aria-label={t('approvals.approveWho', { who: who(row) })}
        loading={decisions.isPending('approve', row)}
        disabled={decisions.busy}
        onClick={() => decisions.decide('approve', row)}
      >
        {t('approvals.approve')}
      </Button>
      <Button
        size="xs"
        variant="default"
        color="red"
        aria-label={t('approvals.rejectWho', { who: who(row) })}
        loading={decisions.isPending('reject', row)}
        disabled={decisions.busy}
        onClick={() => setRejecting(row)}
      >
        {t('approvals.reject')}
      </Button>
    </Group>
  )

  return (
    <Stack gap="md">
      {decisions.error && (
        <ErrorAlert
          error={decisions.error}
          title={t('staff.decisionFailed')}
          onClose={decisions.clearError}
        />
      )}
      {pending.isPending ? (
        <Skeleton height={120} />
      ) : pending.isError ? (
        <ErrorAlert
          error={pending.error}
          onRetry={() => void pending.refetch()}
          retrying={pending.isFetching}
        />
      ) : pending.data.length === 0 ? (
        <Text c="dimmed" data-testid="no-pending">
          {t('approvals.nonePending')}
        </Text>
      ) : (
        <Stack gap="md" aria-label={t('approvals.pendingTitle')}>
          {pending.data.map((row) => (
            <RegistrationReview key={row.address} row={row} actions={actions(row)} />
          ))}
        </Stack>
      )}
      <DecisionReceipts decisions={decisions.made} />
      <ConfirmDialog
        opened={rejecting !== undefined}
        title={t('approvals.rejectTitle')}
        confirmLabel={t('approvals.rejectConfirm')}
        onCancel={() => setRejecting(undefined)}
        onConfirm={() => {
          if (rejecting) decisions.decide('reject', rejecting)
          setRejecting(undefined)
        }}
      >
        {rejecting &&
          t('approvals.rejectBody', { who: who(rejecting), address: rejecting.address })}
      </ConfirmDialog>
    </Stack>
  )
}

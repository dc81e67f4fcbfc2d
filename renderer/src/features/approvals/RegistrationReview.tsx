import { Alert, Card, DataList, Group, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { StaffIdentityView, StaffRow } from '../../../../electron/node/identity/types.ts'
import { emr } from '../../api/emr.ts'
import { useFormatters } from '../../i18n/format.ts'
import { DataField } from '../../shared/DataField.tsx'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { roleKeys } from '../../shared/roles.ts'
import { staffKey } from '../staff/queries.ts'

/** Kept under the staff key: signing out forgets it, and a decision re-reads it. */
function useStaffIdentity(account: string) {
  return useQuery({
    queryKey: [...staffKey, 'identity', account.toLowerCase()],
    queryFn: (): Promise<StaffIdentityView> => emr.staff.identity({ account }),
  })
}

/**
 * One pending registration with what the administrator compares with the IC card in front of
 * them. The card's data is known only on the node where the staff member registered; elsewhere
 * the screen says where it is, and shows the commitment the registering node can open.
 */
export function RegistrationReview({ row, actions }: { row: StaffRow; actions: ReactNode }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const titleId = useId()
  const review = useStaffIdentity(row.address)
  const identity = review.data?.identity

  return (
    <Card
      component="section"
      withBorder
      radius="md"
      padding="lg"
      aria-labelledby={titleId}
      data-testid="registration-review"
      data-address={row.address}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" mb="sm">
        <Title id={titleId} order={3} size="h5">
          {identity?.name ?? t('approvals.review.unnamed')}
        </Title>
        {actions}
      </Group>
      {review.isPending ? (
        <Skeleton height={120} />
      ) : review.isError ? (
        <ErrorAlert
          error={review.error}
          onRetry={() => void review.refetch()}
          retrying={review.isFetching}
        />
      ) : (
        <Stack gap="sm">
          <DataList gap="xs" labelWidth="12rem" withDivider>
            {identity && (
              <>
                <DataField label={t('fields.name')} value={identity.name} testId="review-name" />
                <DataField
                  label={t('fields.nationalId')}
                  value={identity.nationalId}
                  testId="review-national-id"
                />
                <DataField
                  label={t('fields.licenceNumber')}
                  value={identity.licenceNumber}
                  testId="review-licence"
                />
              </>
            )}
            <DataField label={t('fields.role')} value={t(roleKeys[review.data.role])} />
            <DataField label={t('fields.institution')} value={review.data.institutionName} />
            <DataField
              label={t('approvals.review.registeredAt')}
              value={
                <time dateTime={review.data.registeredAt}>
                  {format.dateTime(review.data.registeredAt)}
                </time>
              }
            />
            <DataField
              label={t('fields.address')}
              value={review.data.account}
              copyValue={review.data.account}
            />
            <DataField
              label={t('approvals.review.commitment')}
              value={review.data.commitment}
              copyValue={review.data.commitment}
            />
          </DataList>
          {identity ? (
            <Text size="sm" c="dimmed">
              {t('approvals.review.checkCard')}
            </Text>
          ) : (
            <Alert
              color="yellow"
              variant="light"
              title={t('approvals.review.elsewhereTitle')}
              data-testid="identity-elsewhere"
            >
              {t('approvals.review.elsewhereBody')}
            </Alert>
          )}
        </Stack>
      )}
    </Card>
  )
}

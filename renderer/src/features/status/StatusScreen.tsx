import { Alert, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useFormatters } from '../../i18n/format.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { NodeStatusCards } from './NodeStatusCards.tsx'
import { ReplicationCard } from './ReplicationCard.tsx'
import { useNodeStatus } from './queries.ts'
import { StatusSkeleton } from './StatusSkeleton.tsx'

export function StatusScreen() {
  const { t } = useTranslation()
  const format = useFormatters()
  const status = useNodeStatus()

  const updatedAt = status.dataUpdatedAt ? (
    <Text size="sm" c="dimmed">
      {t('status.updatedAt', { time: format.time(status.dataUpdatedAt) })}
    </Text>
  ) : null

  return (
    <>
      <ScreenHeader title={t('status.title')} aside={updatedAt} />
      {status.isPending ? (
        <StatusSkeleton />
      ) : status.data ? (
        <Stack gap="lg">
          {/* A failed poll after a good one: keep the last values visible, but say so. */}
          {status.isError && (
            <Alert color="yellow" variant="light" data-testid="status-stale">
              {t('status.stale')}
            </Alert>
          )}
          <NodeStatusCards status={status.data} />
          <ReplicationCard />
        </Stack>
      ) : (
        <ErrorAlert
          error={status.error}
          onRetry={() => void status.refetch()}
          retrying={status.isFetching}
        />
      )}
    </>
  )
}

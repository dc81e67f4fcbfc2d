import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { paths, screen } from '../../shared/paths.ts'
import { AuditTable } from '../audit/AuditTable.tsx'
import { useAuditTimeline } from '../audit/queries.ts'

/** How many of the newest entries the home screen shows; the audit screen has them all. */
const shown = 8

/** The newest entries of the patient's own trail (the node narrows it to them), and the way on. */
export function RecentActivity() {
  const { t } = useTranslation()
  const titleId = useId()
  const timeline = useAuditTimeline({})

  let body
  if (timeline.isPending) {
    body = <Skeleton height={160} />
  } else if (timeline.isError) {
    body = (
      <ErrorAlert
        error={timeline.error}
        onRetry={() => void timeline.refetch()}
        retrying={timeline.isFetching}
      />
    )
  } else if (timeline.data.length === 0) {
    body = (
      <Text c="dimmed" data-testid="audit-empty">
        {t('audit.timeline.empty')}
      </Text>
    )
  } else {
    const caption = t('patientHome.activity.caption', {
      count: Math.min(shown, timeline.data.length),
      total: timeline.data.length,
    })
    body = (
      <Stack gap="xs">
        <Text size="sm" c="dimmed" role="status">
          {caption}
        </Text>
        <AuditTable entries={timeline.data.slice(0, shown)} caption={caption} />
      </Stack>
    )
  }

  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby={titleId}>
      <Group justify="space-between" align="baseline" mb="xs" wrap="wrap">
        <Title id={titleId} order={2} size="h4">
          {t('patientHome.activity.title')}
        </Title>
        <Anchor component={Link} to={screen(paths.audit)} size="sm">
          {t('patientHome.activity.all')}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('audit.timeline.patientDescription')}
      </Text>
      {body}
    </Card>
  )
}

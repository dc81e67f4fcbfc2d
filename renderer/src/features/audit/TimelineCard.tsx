import { Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { AuditFilters } from './AuditFilters.tsx'
import { AuditTable } from './AuditTable.tsx'
import { ExportButtons } from './ExportButtons.tsx'
import { isFiltering, noFilter, toAuditFilter, type AuditFilterValues } from './filter.ts'
import { useAuditTimeline } from './queries.ts'
import { useExportDownload } from './useExportDownload.ts'

/**
 * Every event of the chain and every read on this node, filtered, newest first, exportable; for a
 * patient (`ownRecordsOnly`) only what concerns them, without the patient filter.
 */
export function TimelineCard({ ownRecordsOnly }: { ownRecordsOnly: boolean }) {
  const { t } = useTranslation()
  const titleId = useId()
  const [values, setValues] = useState<AuditFilterValues>(noFilter)
  const filter = toAuditFilter(values)
  const timeline = useAuditTimeline(filter)
  const exports = useExportDownload(filter)

  let body
  if (timeline.isPending) {
    body = <Skeleton height={200} />
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
        {isFiltering(values) ? t('audit.timeline.noMatch') : t('audit.timeline.empty')}
      </Text>
    )
  } else {
    const caption = t('audit.timeline.count', { count: timeline.data.length })
    body = (
      <Stack gap="xs">
        <Text size="sm" c="dimmed" role="status" data-testid="audit-count">
          {caption}
        </Text>
        <AuditTable entries={timeline.data} caption={caption} />
      </Stack>
    )
  }

  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby={titleId}>
      <Group justify="space-between" align="center" mb="xs" wrap="wrap">
        <Title id={titleId} order={2} size="h4">
          {t('audit.timeline.title')}
        </Title>
        <ExportButtons busy={exports.busy} onExport={exports.save} />
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {ownRecordsOnly ? t('audit.timeline.patientDescription') : t('audit.timeline.description')}
      </Text>
      <Stack gap="md">
        {exports.error && (
          <ErrorAlert
            error={exports.error}
            title={t('audit.export.failed')}
            onClose={exports.clearError}
          />
        )}
        <AuditFilters value={values} onChange={setValues} withPatient={!ownRecordsOnly} />
        {body}
      </Stack>
    </Card>
  )
}

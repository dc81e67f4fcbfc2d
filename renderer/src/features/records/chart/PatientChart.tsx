import { Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import type { RecordView } from '../../../../../electron/node/records/types.ts'
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx'
import { usePatientRecords } from '../queries.ts'
import { viewerLocation } from '../recordsPath.ts'
import { UploadDrawer, type UploadTarget } from '../upload/UploadDrawer.tsx'
import { filterRecords, isFiltering, noFilter, type RecordFilter } from './filter.ts'
import { RecordFilters } from './RecordFilters.tsx'
import { RecordTable } from './RecordTable.tsx'

interface PatientChartProps {
  patient: string
  /** Active staff upload records and new versions. */
  canUpload: boolean
  /** The signed-in account, to tell the user's own uploads apart. */
  self: string
}

/** A patient's records with their version histories, filters, and the way to add more. */
export function PatientChart({ patient, canUpload, self }: PatientChartProps) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const titleId = useId()
  const records = usePatientRecords(patient)
  const [filter, setFilter] = useState<RecordFilter>(noFilter)
  // The target stays while the drawer slides shut; each opening gets a fresh form (its key).
  const [upload, setUpload] = useState<{ target: UploadTarget; opened: boolean; key: number }>()
  const openUpload = (target: UploadTarget) =>
    setUpload((current) => ({ target, opened: true, key: (current?.key ?? 0) + 1 }))
  const closeUpload = () => setUpload((current) => current && { ...current, opened: false })

  const newVersion = (record: RecordView) => {
    const details = record.versions.find((version) => version.details)?.details
    openUpload({ recordId: record.recordId, title: details?.title, category: details?.category })
  }

  let body
  if (records.isPending) {
    body = <Skeleton height={160} />
  } else if (records.isError) {
    body = (
      <ErrorAlert
        error={records.error}
        onRetry={() => void records.refetch()}
        retrying={records.isFetching}
      />
    )
  } else if (records.data.length === 0) {
    body = (
      <Text c="dimmed" data-testid="no-records">
        {t('records.chart.empty')}
      </Text>
    )
  } else {
    const { shown, unknownHidden } = filterRecords(records.data, filter)
    const caption = isFiltering(filter)
      ? t('records.chart.shownOf', { count: shown.length, total: records.data.length })
      : t('records.chart.count', { count: records.data.length })
    body = (
      <Stack gap="sm">
        <RecordFilters value={filter} onChange={setFilter} />
        <Text size="sm" c="dimmed" role="status">
          {caption}
          {unknownHidden > 0 && ` · ${t('records.chart.unknownHidden', { count: unknownHidden })}`}
        </Text>
        {shown.length > 0 && (
          <RecordTable
            records={shown}
            caption={caption}
            self={self}
            onOpen={(cid) => navigate(viewerLocation(patient, cid))}
            onNewVersion={canUpload ? newVersion : undefined}
          />
        )}
      </Stack>
    )
  }

  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby={titleId}>
      <Group justify="space-between" align="center" mb="md">
        <Title id={titleId} order={2} size="h4">
          {t('records.chart.title')}
        </Title>
        {canUpload && <Button onClick={() => openUpload({})}>{t('records.chart.upload')}</Button>}
      </Group>
      {body}
      {canUpload && (
        <UploadDrawer
          patient={patient}
          opened={upload?.opened ?? false}
          target={upload?.target}
          formKey={upload?.key ?? 0}
          onClose={closeUpload}
        />
      )}
    </Card>
  )
}

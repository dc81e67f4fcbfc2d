import { Alert, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatters } from '../../../i18n/format.ts'
import { showControlCharacters } from '../../../shared/visibleText.ts'
import { useSession } from '../../session/queries.ts'
import { categoryKeys } from '../categories.ts'
import { EnteredInErrorBanner } from '../chart/EnteredInError.tsx'
import { patientRecordsKey, useOpenedRecord, usePatientRecords } from '../queries.ts'
import { chartLocation } from '../recordsPath.ts'
import { decodeBase64, saveBytes } from './bytes.ts'
import { ContentView } from './ContentView.tsx'
import { IntegrityBadge } from './IntegrityBadge.tsx'
import { OpenFailure } from './OpenFailure.tsx'

interface RecordViewerProps {
  patient: string
  cid: string
}

/**
 * One version, opened: the node looks it up on chain, fetches, verifies and decrypts it, and only
 * then is anything shown, with what was verified on top.
 */
export function RecordViewer({ patient, cid }: RecordViewerProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  const queryClient = useQueryClient()
  const self = useSession().data?.address ?? ''
  const opened = useOpenedRecord(patient, cid)
  const records = usePatientRecords(patient)
  const listed = records.data?.flatMap((record) => record.versions).find((v) => v.cid === cid)
  const bytes = useMemo(
    () => (opened.data ? decodeBase64(opened.data.contentBase64) : undefined),
    [opened.data],
  )

  // Opening told this node the version's title and type: the chart can show them now.
  useEffect(() => {
    if (opened.data)
      void queryClient.invalidateQueries({ queryKey: patientRecordsKey(patient), exact: true })
  }, [opened.data, patient, queryClient])

  const details = opened.data?.details ?? listed?.details ?? undefined
  const recordId = opened.data?.integrity.recordId ?? listed?.recordId
  const version = opened.data?.integrity.version ?? listed?.version

  return (
    <Card component="article" withBorder radius="md" padding="lg" aria-busy={opened.isPending}>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Button component={Link} to={chartLocation(patient)} variant="subtle" px={6}>
            {t('records.viewer.back')}
          </Button>
          {opened.data && bytes && (
            <Button
              variant="default"
              onClick={() =>
                saveBytes(
                  opened.data.details.fileName,
                  new Blob([bytes], { type: opened.data.details.mime }),
                )
              }
            >
              {t('records.viewer.save')}
            </Button>
          )}
        </Group>
        <div>
          <Title order={2} size="h3" data-testid="viewer-title">
            {details ? showControlCharacters(details.title) : t('records.viewer.untitled')}
          </Title>
          <Text size="sm" c="dimmed">
            {[
              recordId !== undefined && version !== undefined
                ? t('records.viewer.recordVersion', { id: recordId, version })
                : undefined,
              details && t(categoryKeys[details.category]),
              details && t('records.viewer.dateOfCare', { date: format.date(details.dateOfCare) }),
              details &&
                `${showControlCharacters(details.fileName)} · ${format.bytes(details.size)} · ${details.mime}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </div>
        {listed?.enteredInError && (
          <EnteredInErrorBanner mark={listed.enteredInError} self={self} />
        )}
        {opened.isPending && (
          <Group gap="sm" role="status">
            <Loader size="sm" />
            <Text size="sm">{t('records.viewer.opening')}</Text>
          </Group>
        )}
        {opened.isError && (
          <OpenFailure
            error={opened.error}
            patient={patient}
            onRetry={() => void opened.refetch()}
            retrying={opened.isFetching}
          />
        )}
        {opened.data && opened.data.integrity.patient.toLowerCase() !== patient.toLowerCase() && (
          // Only a hand-made address gets here; a record is never shown under another name.
          <Alert color="yellow" variant="light" data-testid="viewer-other-patient">
            {t('records.viewer.otherPatient', { patient: opened.data.integrity.patient })}
          </Alert>
        )}
        {opened.data?.offline && (
          <Alert
            color="orange"
            variant="light"
            title={t('records.viewer.offlineTitle')}
            data-testid="viewer-offline"
          >
            {t('records.viewer.offline', {
              block: format.number(opened.data.offline.block),
              time: format.dateTime(opened.data.offline.checkedAt),
            })}
          </Alert>
        )}
        {opened.data && bytes && (
          <>
            <IntegrityBadge integrity={opened.data.integrity} blockNumber={listed?.blockNumber} />
            <ContentView
              key={cid}
              bytes={bytes}
              mime={opened.data.details.mime}
              fileName={opened.data.details.fileName}
              title={opened.data.details.title}
            />
            <Text size="xs" c="dimmed">
              {t('records.viewer.copyNote')}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  )
}

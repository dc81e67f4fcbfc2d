import { Alert, Button, Card, FileButton, Group, Progress, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UploadInProgressView } from '../../../../../electron/node/records/types.ts'
import { useFormatters } from '../../../i18n/format.ts'
import { shortAddress } from '../../../shared/address.ts'
import { ConfirmDialog } from '../../../shared/ConfirmDialog.tsx'
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx'
import { errorCode } from '../../../shared/errors.ts'
import { useLeaveGuard } from '../../../shared/useLeaveGuard.ts'
import { usePatientRow } from '../chart/usePatientRow.ts'
import { UploadResultCard } from './UploadResultCard.tsx'
import { useResumeUpload, useUnfinishedUploads } from './useUnfinishedUploads.ts'

function UnfinishedUpload({ upload }: { upload: UploadInProgressView }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const patientName = usePatientRow(upload.patient).row?.name ?? shortAddress(upload.patient)
  const { state, resume, discard, dismiss } = useResumeUpload(upload)
  const [discarding, setDiscarding] = useState(false)
  const busy = state.step === 'sending' || state.step === 'anchoring'
  const leaving = useLeaveGuard(busy)
  const loaded = state.step === 'sending' ? state.loaded : upload.received
  const percent = upload.size === 0 ? 100 : Math.floor((loaded / upload.size) * 100)

  return (
    <Card withBorder padding="sm" data-testid="unfinished-upload" data-file={upload.fileName}>
      <ConfirmDialog
        opened={leaving.state === 'blocked'}
        title={t('records.upload.leaveTitle')}
        confirmLabel={t('records.unfinished.leaveConfirm')}
        onConfirm={() => leaving.proceed?.()}
        onCancel={() => leaving.reset?.()}
      >
        {t('records.unfinished.leaveText')}
      </ConfirmDialog>
      <ConfirmDialog
        opened={discarding}
        title={t('records.unfinished.discardTitle')}
        confirmLabel={t('records.unfinished.discard')}
        onConfirm={() => {
          setDiscarding(false)
          void discard()
        }}
        onCancel={() => setDiscarding(false)}
      >
        {t('records.unfinished.discardText', { file: upload.fileName })}
      </ConfirmDialog>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Text fw={600} style={{ wordBreak: 'break-all' }}>
              {upload.fileName}
            </Text>
            <Text size="xs" c="dimmed">
              {t('records.unfinished.line', {
                patient: patientName,
                started: format.dateTime(upload.startedAt),
                received: format.bytes(upload.received),
                size: format.bytes(upload.size),
              })}
            </Text>
          </div>
          {state.step === 'idle' || state.step === 'failed' ? (
            <Group gap="xs">
              <FileButton onChange={(file) => file && void resume(file)}>
                {(props) => (
                  <Button size="xs" {...props}>
                    {t('records.unfinished.resume')}
                  </Button>
                )}
              </FileButton>
              <Button size="xs" variant="default" color="red" onClick={() => setDiscarding(true)}>
                {t('records.unfinished.discard')}
              </Button>
            </Group>
          ) : null}
        </Group>
        {state.step !== 'done' && (
          <Progress
            value={percent}
            animated={busy}
            aria-label={t('records.progress.encrypting', { percent })}
          />
        )}
        {state.step === 'anchoring' && <Text size="sm">{t('records.progress.submitted')}</Text>}
        {state.step === 'failed' &&
          (errorCode(state.error) === 'ERR_UPLOAD_FILE_MISMATCH' ? (
            <Alert color="yellow" variant="light" data-testid="unfinished-mismatch">
              {t('records.unfinished.mismatch', { file: upload.fileName })}
            </Alert>
          ) : (
            <ErrorAlert error={state.error} title={t('records.upload.failed')} />
          ))}
        {state.step === 'done' && (
          <>
            <UploadResultCard result={state.result} />
            <Group>
              <Button size="xs" variant="default" onClick={dismiss}>
                {t('common.close')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  )
}

/**
 * The signed-in account's uploads the node still holds open (a page reloaded mid-upload): each
 * resumes with the same file handed again, or is discarded. The node rolls back one left alone
 * for ten minutes.
 */
export function UnfinishedUploads() {
  const { t } = useTranslation()
  const uploads = useUnfinishedUploads(true).data ?? []
  if (uploads.length === 0) return null
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('records.unfinished.title')}
      data-testid="unfinished-uploads"
    >
      <Stack gap="sm">
        <Text size="sm">{t('records.unfinished.intro')}</Text>
        {uploads.map((upload) => (
          <UnfinishedUpload key={upload.uploadId} upload={upload} />
        ))}
      </Stack>
    </Alert>
  )
}

import { Alert, Button, Card, Group, Loader, Stack, Text, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { recordDetailsSchema } from '../../../../../electron/node/records/schemas.ts'
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx'
import { errorCode } from '../../../shared/errors.ts'
import { useFormatters } from '../../../i18n/format.ts'
import { showControlCharacters } from '../../../shared/visibleText.ts'
import { FileWarnings } from './FileWarnings.tsx'
import { UploadProgress } from './UploadProgress.tsx'
import { UploadResultCard } from './UploadResultCard.tsx'
import type { UploadItem } from './useUploadQueue.ts'

interface UploadItemCardProps {
  item: UploadItem
  /** Title errors show once the user has tried to send. */
  showErrors: boolean
  onTitle: (title: string) => void
  onConfirm: (confirmed: boolean) => void
  onRemove: () => void
  onRetry: () => void
}

export function titleIsValid(title: string): boolean {
  return recordDetailsSchema.shape.title.safeParse(title).success
}

/** One chosen file: its title while it waits, then its progress, and its result or error. */
export function UploadItemCard({
  item,
  showErrors,
  onTitle,
  onConfirm,
  onRemove,
  onRetry,
}: UploadItemCardProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  const editable = item.status === 'ready'

  return (
    <Card withBorder radius="md" padding="md" data-testid="upload-item" data-file={item.file.name}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Text fw={600} style={{ wordBreak: 'break-all' }}>
              {showControlCharacters(item.file.name)}
            </Text>
            <Text size="xs" c="dimmed">
              {format.bytes(item.file.size)} ·{' '}
              <span data-testid="upload-item-mime">{item.mime}</span>
            </Text>
          </div>
          {editable && (
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              onClick={onRemove}
              aria-label={t('records.upload.removeFile', {
                file: showControlCharacters(item.file.name),
              })}
            >
              {t('records.upload.remove')}
            </Button>
          )}
        </Group>
        {editable ? (
          <TextInput
            label={t('records.upload.title')}
            value={item.title}
            onChange={(event) => onTitle(event.currentTarget.value)}
            error={
              showErrors && !titleIsValid(item.title) ? t('records.upload.titleInvalid') : undefined
            }
            maxLength={200}
          />
        ) : (
          <Text size="sm">
            <Text span c="dimmed">
              {t('records.upload.title')}:
            </Text>{' '}
            {showControlCharacters(item.title)}
          </Text>
        )}
        {editable && item.warnings === undefined && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t('records.upload.checking')}
            </Text>
          </Group>
        )}
        {editable && item.warnings && item.warnings.length > 0 && (
          <FileWarnings
            warnings={item.warnings}
            confirmed={item.confirmed}
            showError={showErrors}
            onConfirm={onConfirm}
          />
        )}
        {item.status !== 'ready' && <UploadProgress item={item} />}
        {item.status === 'failed' && (
          <Stack gap="xs" align="flex-start">
            <ErrorAlert error={item.error} title={t('records.upload.failed')} />
            {errorCode(item.error) === 'ERR_DUPLICATE_RECORD' ? (
              <Alert color="yellow" variant="light">
                {t('records.upload.duplicateHint')}
              </Alert>
            ) : (
              <Button size="xs" variant="default" onClick={onRetry}>
                {t('records.upload.tryAgain')}
              </Button>
            )}
          </Stack>
        )}
        {item.result && <UploadResultCard result={item.result} />}
      </Stack>
    </Card>
  )
}

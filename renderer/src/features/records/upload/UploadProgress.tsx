import { Group, Progress, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { UploadItem } from './useUploadQueue.ts'

/** One file's phase, in words and as a bar. */
export function UploadProgress({ item }: { item: UploadItem }) {
  const { t } = useTranslation()
  const { status, loaded, file } = item
  const percent = file.size === 0 ? 100 : Math.min(100, Math.floor((loaded / file.size) * 100))

  const label = {
    ready: '',
    waiting: t('records.progress.waiting'),
    encrypting: t('records.progress.encrypting', { percent }),
    submitted: t('records.progress.submitted'),
    mined: t('records.progress.mined'),
    failed: t('records.progress.failed'),
    cancelled: t('records.progress.cancelled'),
  }[status]
  const color =
    status === 'mined'
      ? 'green'
      : status === 'failed'
        ? 'red'
        : status === 'cancelled'
          ? 'gray'
          : undefined
  const value =
    status === 'encrypting'
      ? percent
      : status === 'waiting' || status === 'ready'
        ? 0
        : status === 'submitted' || status === 'mined'
          ? 100
          : percent

  return (
    <div data-testid="upload-progress" data-status={status}>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={500} role="status">
          {label}
        </Text>
      </Group>
      <Progress
        value={value}
        color={color}
        size="md"
        striped={status === 'submitted' || status === 'encrypting'}
        animated={status === 'submitted'}
        aria-label={label}
      />
    </div>
  )
}

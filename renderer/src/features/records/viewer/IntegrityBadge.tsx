import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { IntegrityReport } from '../../../../../electron/node/records/types.ts'
import { CopyValueButton } from '../../../shared/CopyValueButton.tsx'

interface IntegrityBadgeProps {
  integrity: IntegrityReport
  /** The block that anchored the version, when the chart knows it. */
  blockNumber: number | undefined
}

/** What the node checked before anything was shown; only rendered after a successful open. */
export function IntegrityBadge({ integrity, blockNumber }: IntegrityBadgeProps) {
  const { t } = useTranslation()
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      bg="green.0"
      style={{ borderColor: 'var(--mantine-color-green-4)' }}
      data-testid="integrity-badge"
      role="status"
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon color="green" radius="xl" size="md" aria-hidden>
          <svg
            width="16"
            height="16"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.5"
          >
            <path d="M12 3l7 3v6c0 4.5-3 7.5-7 9-4-1.5-7-4.5-7-9V6z" />
            <path d="M9 12l2 2 4-4" />
          </svg>
        </ThemeIcon>
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} c="green.9">
            {t('records.integrity.verified', { count: integrity.segmentsVerified })}
          </Text>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
              SHA-256 {integrity.sha256}
            </Text>
            <CopyValueButton value={integrity.sha256} label="SHA-256" />
          </Group>
          <Text size="xs" c="dimmed">
            {blockNumber === undefined
              ? t('records.integrity.anchor', {
                  id: integrity.recordId,
                  version: integrity.version,
                })
              : t('records.integrity.anchorBlock', {
                  id: integrity.recordId,
                  version: integrity.version,
                  block: blockNumber,
                })}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {t('records.integrity.manifest')} {integrity.manifestCid}
          </Text>
        </Stack>
      </Group>
    </Paper>
  )
}

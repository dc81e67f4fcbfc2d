import { Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { CopyValueButton } from '../../shared/CopyValueButton.tsx'

/** A transaction hash, shortened to tell rows apart, copied whole. */
export function TxHash({ hash }: { hash: string }) {
  const { t } = useTranslation()
  return (
    <Group gap={2} wrap="nowrap">
      <Text
        span
        ff="monospace"
        fz="xs"
        title={hash}
        data-testid="audit-tx"
        style={{ whiteSpace: 'nowrap' }}
      >
        {`${hash.slice(0, 8)}…${hash.slice(-4)}`}
      </Text>
      <CopyValueButton value={hash} label={t('audit.table.txHash')} />
    </Group>
  )
}

import { Text, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { PartyView } from '../../../electron/node/access/types.ts'
import { shortAddress } from './address.ts'

/** Someone in the trail: the name this node knows, else the short address; the full one on hover. */
export function PartyName({ party, testId }: { party: PartyView | null; testId?: string }) {
  const { t } = useTranslation()
  if (!party) {
    return (
      <Text span c="dimmed">
        <span aria-hidden="true">—</span>
        <VisuallyHidden>{t('audit.table.nobody')}</VisuallyHidden>
      </Text>
    )
  }
  return (
    <Text
      span
      fz="sm"
      title={party.address}
      data-testid={testId}
      data-address={party.address}
      ff={party.name ? undefined : 'monospace'}
      style={{ whiteSpace: 'nowrap' }}
    >
      {party.name ?? shortAddress(party.address)}
    </Text>
  )
}

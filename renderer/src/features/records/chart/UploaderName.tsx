import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { shortAddress } from '../../../shared/address.ts'

/** An uploader as a short address, "you" for the signed-in account; the full one on hover. */
export function UploaderName({ address, self }: { address: string; self: string }) {
  const { t } = useTranslation()
  const short = shortAddress(address)
  const mine = address.toLowerCase() === self.toLowerCase()
  return (
    <Text span fz="sm" title={address} style={{ whiteSpace: 'nowrap' }}>
      {mine && `${t('records.table.you')} · `}
      <Text span ff="monospace" fz="sm" c={mine ? 'dimmed' : undefined}>
        {short}
      </Text>
    </Text>
  )
}

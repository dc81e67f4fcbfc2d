import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { shortAddress } from '../../../shared/address.ts'
import { useStaffList } from '../../staff/queries.ts'

/**
 * An uploader by name where this node knows it (the staff directory), else the short address;
 * "you" for the signed-in account, the full address on hover.
 */
export function UploaderName({ address, self }: { address: string; self: string }) {
  const { t } = useTranslation()
  // One cached directory query serves every row of the chart.
  const staff = useStaffList()
  const key = address.toLowerCase()
  const name = staff.data?.find((row) => row.address.toLowerCase() === key)?.name ?? null
  const mine = key === self.toLowerCase()
  return (
    <Text span fz="sm" title={address} style={{ whiteSpace: 'nowrap' }} data-testid="uploader">
      {mine && `${t('records.table.you')} · `}
      <Text
        span
        ff={name ? undefined : 'monospace'}
        fz="sm"
        c={mine ? 'dimmed' : undefined}
        data-testid="uploader-name"
      >
        {name ?? shortAddress(address)}
      </Text>
    </Text>
  )
}

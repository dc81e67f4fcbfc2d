import { Badge, Table, Text, VisuallyHidden } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { EmergencyView } from '../../../../electron/node/access/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { PartyCell } from '../access/PartyCell.tsx'
import { useReasonText } from './reasons.ts'

type OptionalColumn = 'patient' | 'staff'

interface EmergencyTableProps {
  emergencies: readonly EmergencyView[]
  self: string
  columns: readonly OptionalColumn[]
  /** Buttons for a row (release keys), for administrators; no column when absent. */
  actions?: (emergency: EmergencyView) => ReactNode
}

/** Emergencies declared: who, on whom, why, for how long, and what was read under them. */
export function EmergencyTable({ emergencies, self, columns, actions }: EmergencyTableProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  const reasonText = useReasonText()
  const show = (column: OptionalColumn) => columns.includes(column)
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" data-testid="emergency-table">
        <VisuallyHidden component="caption">{t('emergency.list.caption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            {show('patient') && <Table.Th>{t('emergency.list.patient')}</Table.Th>}
            {show('staff') && <Table.Th>{t('emergency.list.staff')}</Table.Th>}
            <Table.Th>{t('emergency.list.reason')}</Table.Th>
            <Table.Th>{t('emergency.list.period')}</Table.Th>
            <Table.Th>{t('emergency.list.keys')}</Table.Th>
            <Table.Th ta="right">{t('emergency.list.reads')}</Table.Th>
            {actions && (
              <Table.Th>
                <VisuallyHidden>{t('emergency.list.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {emergencies.map((emergency) => (
            <Table.Tr
              key={emergency.txHash}
              data-testid="emergency-row"
              data-active={emergency.active}
              bg={emergency.active ? 'red.0' : undefined}
            >
              {show('patient') && (
                <Table.Td>
                  <PartyCell party={emergency.patient} self={self} />
                </Table.Td>
              )}
              {show('staff') && (
                <Table.Td>
                  <PartyCell party={emergency.staff} self={self} withInstitution />
                </Table.Td>
              )}
              <Table.Td>{reasonText(emergency.reason)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">
                  {t('emergency.list.declared')}{' '}
                  <time dateTime={emergency.declaredAt}>
                    {format.dateTime(emergency.declaredAt)}
                  </time>
                </Text>
                <Text size="sm">
                  {t('emergency.list.expires')}{' '}
                  <time dateTime={emergency.expiresAt}>{format.dateTime(emergency.expiresAt)}</time>
                </Text>
                <div>
                  <Badge
                    size="sm"
                    variant="light"
                    tt="none"
                    color={emergency.active ? 'red' : 'gray'}
                    data-testid="emergency-state"
                  >
                    {emergency.active ? t('emergency.list.active') : t('emergency.list.ended')}
                  </Badge>
                </div>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="emergency-keys">
                {emergency.keysReleasedAt ? (
                  <time dateTime={emergency.keysReleasedAt}>
                    {format.dateTime(emergency.keysReleasedAt)}
                  </time>
                ) : (
                  <Text span size="sm" c="orange.9">
                    {t('emergency.list.keysNotReleased')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" ff="monospace" data-testid="emergency-reads">
                {format.number(emergency.readsLogged)}
              </Table.Td>
              {actions && <Table.Td ta="right">{actions(emergency)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

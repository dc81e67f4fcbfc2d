import { Table, Text, VisuallyHidden } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { StaffRow } from '../../../../electron/node/identity/types.ts'
import { MemberStatusBadge } from '../../shared/MemberStatusBadge.tsx'
import { roleKeys } from '../../shared/roles.ts'

type OptionalColumn = 'licenceNumber' | 'institution' | 'status'

interface StaffTableProps {
  rows: readonly StaffRow[]
  /** What the table lists, for screen readers ("Pending registrations"). */
  caption: string
  columns: readonly OptionalColumn[]
  /** Buttons for a row, for administrators; no column when absent. */
  actions?: (row: StaffRow) => ReactNode
}

/** Staff members, one per row; a name is known only on the node where they registered. */
export function StaffTable({ rows, caption, columns, actions }: StaffTableProps) {
  const { t } = useTranslation()
  const show = (column: OptionalColumn) => columns.includes(column)
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="staff-table">
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.name')}</Table.Th>
            {show('licenceNumber') && <Table.Th>{t('fields.licenceNumber')}</Table.Th>}
            <Table.Th>{t('fields.address')}</Table.Th>
            {show('institution') && <Table.Th>{t('fields.institution')}</Table.Th>}
            <Table.Th>{t('fields.role')}</Table.Th>
            {show('status') && <Table.Th>{t('fields.status')}</Table.Th>}
            {actions && (
              <Table.Th>
                <VisuallyHidden>{t('staff.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.address} data-address={row.address}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {row.name ?? (
                  <Text span c="dimmed" title={t('staff.nameUnknown')}>
                    —<VisuallyHidden>{t('staff.nameUnknown')}</VisuallyHidden>
                  </Text>
                )}
              </Table.Td>
              {show('licenceNumber') && (
                <Table.Td ff="monospace" fz="sm">
                  {row.licenceNumber ?? '—'}
                </Table.Td>
              )}
              <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
                {row.address}
              </Table.Td>
              {show('institution') && <Table.Td>{row.institutionName}</Table.Td>}
              <Table.Td>{t(roleKeys[row.role])}</Table.Td>
              {show('status') && (
                <Table.Td>
                  <MemberStatusBadge status={row.status} size="sm" testId="staff-status" />
                </Table.Td>
              )}
              {actions && <Table.Td>{actions(row)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

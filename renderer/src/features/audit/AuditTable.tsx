import { Table, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../../../../electron/node/access/types.ts'
import { AuditRow } from './AuditRow.tsx'

/** The timeline, newest first. */
export function AuditTable({
  entries,
  caption,
}: {
  entries: readonly AuditEntry[]
  caption: string
}) {
  const { t } = useTranslation()
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" horizontalSpacing="xs" highlightOnHover data-testid="audit-table">
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.table.time')}</Table.Th>
            <Table.Th>{t('audit.table.action')}</Table.Th>
            <Table.Th>{t('audit.table.actor')}</Table.Th>
            <Table.Th>{t('audit.table.patient')}</Table.Th>
            <Table.Th>{t('audit.table.recordColumn')}</Table.Th>
            <Table.Th>{t('audit.table.purpose')}</Table.Th>
            <Table.Th>{t('audit.table.detail')}</Table.Th>
            <Table.Th>{t('audit.table.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <AuditRow key={entry.id} entry={entry} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

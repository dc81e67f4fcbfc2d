import { Table, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { RecordView } from '../../../../../electron/node/records/types.ts'
import { RecordRow } from './RecordRow.tsx'

interface RecordTableProps {
  records: readonly RecordView[]
  caption: string
  self: string
  onOpen: (cid: string) => void
  onNewVersion?: (record: RecordView) => void
}

const columns = 7

export function RecordTable({ records, caption, self, onOpen, onNewVersion }: RecordTableProps) {
  const { t } = useTranslation()
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" data-testid="record-table">
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <VisuallyHidden>{t('records.table.versions')}</VisuallyHidden>
            </Table.Th>
            <Table.Th>{t('records.table.title')}</Table.Th>
            <Table.Th>{t('records.table.category')}</Table.Th>
            <Table.Th>{t('records.table.dateOfCare')}</Table.Th>
            <Table.Th>{t('records.table.latestVersion')}</Table.Th>
            <Table.Th>{t('records.table.uploader')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('records.table.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((record) => (
            <RecordRow
              key={record.recordId}
              record={record}
              self={self}
              columns={columns}
              onOpen={onOpen}
              onNewVersion={onNewVersion}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

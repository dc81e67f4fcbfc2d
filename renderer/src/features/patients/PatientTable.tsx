import { Button, Table, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { PatientRow } from '../../../../electron/node/identity/types.ts'
import { Link } from 'react-router'
import { useFormatters } from '../../i18n/format.ts'
import { chartLocation } from '../records/recordsPath.ts'

/** Patients found at this node; each row opens the patient's chart. */
export function PatientTable({ rows, caption }: { rows: readonly PatientRow[]; caption: string }) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="patient-results">
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('fields.medicalRecordNumber')}</Table.Th>
            <Table.Th>{t('fields.birthDate')}</Table.Th>
            <Table.Th>{t('fields.address')}</Table.Th>
            <Table.Th>{t('patients.registeredAt')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('records.pick.open')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.address}>
              <Table.Td fw={500} style={{ whiteSpace: 'nowrap' }}>
                {row.name}
              </Table.Td>
              <Table.Td ff="monospace" fz="sm" style={{ whiteSpace: 'nowrap' }}>
                {row.medicalRecordNumber}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={row.birthDate}>{format.date(row.birthDate)}</time>
              </Table.Td>
              <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
                {row.address}
              </Table.Td>
              <Table.Td fz="sm">
                <time dateTime={row.registeredAt}>{format.dateTime(row.registeredAt)}</time>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  component={Link}
                  to={chartLocation(row.address)}
                  size="xs"
                  variant="light"
                  aria-label={t('records.pick.openFor', { name: row.name })}
                >
                  {t('records.pick.open')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

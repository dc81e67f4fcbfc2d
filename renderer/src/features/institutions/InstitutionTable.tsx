import { Table, Text, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { PageLoader } from '../../shared/PageLoader.tsx'
import { useInstitutions } from '../staff/queries.ts'

/** The network's institutions with their first administrators, as the registry's events say. */
export function InstitutionTable() {
  const { t } = useTranslation()
  const institutions = useInstitutions()
  if (institutions.isPending) return <PageLoader />
  if (institutions.isError) {
    return <ErrorAlert error={institutions.error} title={t('institutions.loadFailed')} />
  }
  if (institutions.data.length === 0) {
    return <Text c="dimmed">{t('institutions.empty')}</Text>
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm" data-testid="institution-table">
        <VisuallyHidden component="caption">{t('institutions.listTitle')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('institutions.number')}</Table.Th>
            <Table.Th>{t('fields.institutionName')}</Table.Th>
            <Table.Th>{t('institutions.firstAdmin')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {institutions.data.map((institution) => (
            <Table.Tr key={institution.id}>
              <Table.Td>{institution.id}</Table.Td>
              <Table.Td>{institution.name}</Table.Td>
              <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
                {institution.admin}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

import { Button, Card, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatters } from '../../../i18n/format.ts'
import { shortAddress } from '../../../shared/address.ts'
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx'
import { PatientSearchForm } from '../../patients/PatientSearchForm.tsx'
import { usePatientSearch } from '../../patients/queries.ts'

/** Finds the patient whose chart to open: by name, medical record number or address. */
export function PatientPicker({ onPick }: { onPick: (address: string) => void }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const [query, setQuery] = useState('')
  const results = usePatientSearch(query)
  const titleId = useId()

  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby={titleId}>
      <Title id={titleId} order={2} size="h4" mb="xs">
        {t('records.pick.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('records.pick.description')}
      </Text>
      <Stack gap="md">
        <PatientSearchForm
          title={t('records.pick.title')}
          label={t('records.pick.searchLabel')}
          submitLabel={t('records.pick.search')}
          busy={results.isFetching && query !== ''}
          onSearch={setQuery}
        />
        {results.isPending ? (
          <Skeleton height={120} />
        ) : results.isError ? (
          <ErrorAlert
            error={results.error}
            onRetry={() => void results.refetch()}
            retrying={results.isFetching}
          />
        ) : results.data.length === 0 ? (
          <Text c="dimmed">{query ? t('records.pick.noMatch') : t('records.pick.noneYet')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="chart-patient-results">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.name')}</Table.Th>
                  <Table.Th>{t('fields.medicalRecordNumber')}</Table.Th>
                  <Table.Th>{t('fields.birthDate')}</Table.Th>
                  <Table.Th>{t('fields.address')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('records.pick.open')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.data.map((row) => (
                  <Table.Tr key={row.address}>
                    <Table.Td fw={500}>{row.name}</Table.Td>
                    <Table.Td ff="monospace" fz="sm">
                      {row.medicalRecordNumber}
                    </Table.Td>
                    <Table.Td>
                      <time dateTime={row.birthDate}>{format.date(row.birthDate)}</time>
                    </Table.Td>
                    <Table.Td ff="monospace" fz="sm" title={row.address}>
                      {shortAddress(row.address)}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => onPick(row.address)}
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
        )}
      </Stack>
    </Card>
  )
}

import { Skeleton, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { PatientSearchForm } from './PatientSearchForm.tsx'
import { PatientTable } from './PatientTable.tsx'
import { usePatientSearch } from './queries.ts'

/** Finds patients registered at this node; with nothing typed, the most recent ones. */
export function PatientSearch() {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const results = usePatientSearch(query)
  const caption = query ? t('patients.resultsFor', { query }) : t('patients.recent')

  return (
    <Stack gap="md">
      <PatientSearchForm
        title={t('patients.searchTitle')}
        label={t('patients.searchLabel')}
        description={t('patients.searchDescription')}
        submitLabel={t('patients.searchSubmit')}
        busy={results.isFetching && query !== ''}
        onSearch={setQuery}
      />
      <Text size="sm" c="dimmed" role="status">
        {results.data && `${caption} · ${t('patients.count', { count: results.data.length })}`}
      </Text>
      {results.isPending ? (
        <Skeleton height={120} />
      ) : results.isError ? (
        <ErrorAlert
          error={results.error}
          onRetry={() => void results.refetch()}
          retrying={results.isFetching}
        />
      ) : results.data.length === 0 ? (
        <Text c="dimmed" data-testid="patient-no-results">
          {query ? t('patients.noMatch') : t('patients.noneYet')}
        </Text>
      ) : (
        <PatientTable rows={results.data} caption={caption} />
      )}
    </Stack>
  )
}

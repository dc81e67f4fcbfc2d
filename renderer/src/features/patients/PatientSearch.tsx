import { Button, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { PatientTable } from './PatientTable.tsx'
import { usePatientSearch } from './queries.ts'

/** Finds patients registered at this node; with nothing typed, the most recent ones. */
export function PatientSearch() {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const results = usePatientSearch(query)
  const caption = query ? t('patients.resultsFor', { query }) : t('patients.recent')

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    setQuery(text.trim())
  }

  return (
    <Stack gap="md">
      <form onSubmit={handleSubmit} role="search" aria-label={t('patients.searchTitle')}>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('patients.searchLabel')}
            description={t('patients.searchDescription')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            style={{ flex: 1, maxWidth: 520 }}
            autoComplete="off"
            spellCheck={false}
          />
          <Button type="submit" loading={results.isFetching && query !== ''}>
            {t('patients.searchSubmit')}
          </Button>
        </Group>
      </form>
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

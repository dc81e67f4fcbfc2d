import { Badge, Button, Skeleton, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { showControlCharacters } from '../../shared/visibleText.ts'
import { EncryptedNote } from '../records/chart/EncryptedNote.tsx'
import { usePatientRecords } from '../records/queries.ts'
import { AccessTable } from './AccessTable.tsx'

interface RestrictionListProps {
  patient: string
  restricted: readonly number[]
  /** Absent where the user cannot act for the patient. */
  onToggle?: (recordId: number, restricted: boolean) => void
}

/** Each record, and whether the patient keeps it from the people they granted access. */
export function RestrictionList({ patient, restricted, onToggle }: RestrictionListProps) {
  const { t } = useTranslation()
  const records = usePatientRecords(patient)
  if (records.isPending) return <Skeleton height={80} />
  if (records.isError) {
    return (
      <ErrorAlert
        error={records.error}
        onRetry={() => void records.refetch()}
        retrying={records.isFetching}
      />
    )
  }
  return (
    <AccessTable
      caption={t('access.restrictions.title')}
      columns={[
        t('access.restrictions.record'),
        t('records.table.title'),
        t('access.restrictions.state'),
      ]}
      withActions={onToggle !== undefined}
      empty={records.data.length === 0 ? { text: t('access.restrictions.none') } : null}
      minWidth={640}
      testId="restriction-table"
    >
      {records.data.map((record) => {
        const details = record.versions.find((version) => version.details)?.details
        const isRestricted = restricted.includes(record.recordId)
        return (
          <Table.Tr
            key={record.recordId}
            data-testid="restriction-row"
            data-record-id={record.recordId}
          >
            <Table.Td ff="monospace" fz="sm">
              {record.recordId}
            </Table.Td>
            <Table.Td>
              {details ? showControlCharacters(details.title) : <EncryptedNote />}
            </Table.Td>
            <Table.Td>
              {isRestricted ? (
                <Badge color="orange" variant="light" tt="none" data-testid="restricted-badge">
                  {t('access.restrictions.restricted')}
                </Badge>
              ) : (
                <Text span size="sm" c="dimmed">
                  {t('access.restrictions.open')}
                </Text>
              )}
            </Table.Td>
            {onToggle && (
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant={isRestricted ? 'default' : 'light'}
                  color={isRestricted ? undefined : 'orange'}
                  onClick={() => onToggle(record.recordId, !isRestricted)}
                  aria-label={
                    isRestricted
                      ? t('access.restrictions.unrestrictRecord', { id: record.recordId })
                      : t('access.restrictions.restrictRecord', { id: record.recordId })
                  }
                >
                  {isRestricted
                    ? t('access.restrictions.unrestrict')
                    : t('access.restrictions.restrict')}
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        )
      })}
    </AccessTable>
  )
}

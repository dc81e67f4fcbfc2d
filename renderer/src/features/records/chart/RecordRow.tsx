import { ActionIcon, Badge, Button, Group, Table, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecordView } from '../../../../../electron/node/records/types.ts'
import { useFormatters } from '../../../i18n/format.ts'
import { showControlCharacters } from '../../../shared/visibleText.ts'
import { categoryKeys } from '../categories.ts'
import { EncryptedNote } from './EncryptedNote.tsx'
import { EnteredInErrorBadge, MarkEnteredInError } from './EnteredInError.tsx'
import { UploaderName } from './UploaderName.tsx'
import { VersionHistory } from './VersionHistory.tsx'
import { WithheldNote } from './WithheldNote.tsx'

interface RecordRowProps {
  record: RecordView
  self: string
  columns: number
  onOpen: (cid: string) => void
  /** Absent where the user cannot upload. */
  onNewVersion?: (record: RecordView) => void
}

/** One record: what its latest version is, and its version history folded underneath. */
export function RecordRow({ record, self, columns, onOpen, onNewVersion }: RecordRowProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  const [expanded, setExpanded] = useState(false)
  const latest = record.versions[0]
  if (!latest) return null
  const details = latest.details
  // Category and date stay shown when the title is withheld: staff know the record exists.
  const kindAndDate = details ?? latest.withheld
  const historyId = `record-${record.recordId}-versions`
  const toggleLabel = t('records.table.showVersions', {
    count: record.versions.length,
    id: record.recordId,
  })

  return (
    <>
      <Table.Tr data-testid="record-row" data-record-id={record.recordId}>
        <Table.Td w={44}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setExpanded((open) => !open)}
            aria-expanded={expanded}
            aria-controls={historyId}
            aria-label={toggleLabel}
            title={toggleLabel}
          >
            <svg
              width="16"
              height="16"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.5"
              aria-hidden="true"
              style={{
                transform: expanded ? 'rotate(90deg)' : undefined,
                transition: 'transform 150ms',
              }}
            >
              <path d="M9 6l6 6-6 6" />
            </svg>
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          {details ? (
            <>
              <Text fw={500} data-testid="record-title">
                {showControlCharacters(details.title)}
              </Text>
              <Text size="xs" c="dimmed">
                {showControlCharacters(details.fileName)}
              </Text>
            </>
          ) : latest.withheld ? (
            <WithheldNote />
          ) : (
            <EncryptedNote />
          )}
        </Table.Td>
        <Table.Td>
          {kindAndDate && (
            <Badge variant="light" color="gray" tt="none" fw={500}>
              {t(categoryKeys[kindAndDate.category])}
            </Badge>
          )}
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          {kindAndDate && (
            <time dateTime={kindAndDate.dateOfCare}>{format.date(kindAndDate.dateOfCare)}</time>
          )}
        </Table.Td>
        <Table.Td>
          <Text span fw={600} data-testid="record-latest-version">
            {t('records.versionLabel', { version: latest.version })}
          </Text>
          {latest.enteredInError && <EnteredInErrorBadge mark={latest.enteredInError} />}
        </Table.Td>
        <Table.Td>
          <UploaderName address={latest.uploader} self={self} />
        </Table.Td>
        <Table.Td>
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            <Button size="xs" variant="light" onClick={() => onOpen(latest.cid)}>
              {t('records.table.open')}
            </Button>
            {onNewVersion && (
              <Button size="xs" variant="default" onClick={() => onNewVersion(record)}>
                {t('records.table.newVersion')}
              </Button>
            )}
            {onNewVersion && !latest.enteredInError && <MarkEnteredInError version={latest} />}
          </Group>
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr id={historyId}>
          <Table.Td colSpan={columns} bg="gray.0" p="md">
            <VersionHistory
              recordId={record.recordId}
              versions={record.versions}
              self={self}
              onOpen={onOpen}
            />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  )
}

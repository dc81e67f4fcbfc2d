import { Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../../../../electron/node/access/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { ActionBadge } from './ActionBadge.tsx'
import { EntryDetail } from './EntryDetail.tsx'
import { usePurposeText } from './labels.ts'
import { useDayFormat } from './useDayFormat.ts'
import { PartyName } from '../../shared/PartyName.tsx'
import { TxHash } from './TxHash.tsx'

/** The place in this node's read log: `read:<seq>`. */
function readLogSeq(id: string): string | undefined {
  return id.startsWith('read:') ? id.slice('read:'.length) : undefined
}

/** One event of the trail: when, what, who, about whom, and where it is written. */
export function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation()
  const format = useFormatters()
  const day = useDayFormat()
  const purposeText = usePurposeText()
  const seq = readLogSeq(entry.id)

  return (
    <Table.Tr data-testid="audit-row" data-action={entry.action} data-id={entry.id}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <time dateTime={entry.at}>
          <Text fz="xs" c="dimmed">
            {day(entry.at)}
          </Text>
          <Text fz="sm">{format.time(entry.at)}</Text>
        </time>
      </Table.Td>
      <Table.Td>
        <ActionBadge action={entry.action} />
      </Table.Td>
      <Table.Td>
        <PartyName party={entry.actor} testId="audit-actor" />
      </Table.Td>
      <Table.Td>
        <PartyName party={entry.patient} testId="audit-patient" />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="audit-record">
        {entry.recordId !== null && (
          <Text span fz="sm">
            {entry.version !== null
              ? t('audit.table.recordVersion', { id: entry.recordId, version: entry.version })
              : t('audit.table.record', { id: entry.recordId })}
          </Text>
        )}
      </Table.Td>
      <Table.Td fz="sm" data-testid="audit-purpose">
        {entry.purpose !== null && purposeText(entry.purpose)}
      </Table.Td>
      <Table.Td miw={160}>
        <Stack gap={0}>
          {entry.subject && (
            <Text span fz="sm">
              <Text span c="dimmed" fz="sm">
                {t('audit.table.regarding')}
              </Text>{' '}
              <PartyName party={entry.subject} testId="audit-subject" />
            </Text>
          )}
          {entry.detail !== null && <EntryDetail detail={entry.detail} />}
        </Stack>
      </Table.Td>
      <Table.Td>
        {entry.txHash ? (
          <TxHash hash={entry.txHash} />
        ) : (
          <Text span fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {seq ? t('audit.table.readLogSeq', { seq }) : t('audit.table.readLog')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  )
}

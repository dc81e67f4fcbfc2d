import { Badge, Button, Group, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { RecordVersionView } from '../../../../../electron/node/records/types.ts'
import { CopyValueButton } from '../../../shared/CopyValueButton.tsx'
import { useFormatters } from '../../../i18n/format.ts'
import { EncryptedNote } from './EncryptedNote.tsx'
import { WithheldNote } from './WithheldNote.tsx'
import { showControlCharacters } from '../../../shared/visibleText.ts'
import { UploaderName } from './UploaderName.tsx'

interface VersionHistoryProps {
  recordId: number
  versions: readonly RecordVersionView[]
  self: string
  onOpen: (cid: string) => void
}

/** Every version the chain anchored for one record, newest first, each openable. */
export function VersionHistory({ recordId, versions, self, onOpen }: VersionHistoryProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table
        verticalSpacing={6}
        withTableBorder
        bg="white"
        data-testid="version-history"
        data-record-id={recordId}
      >
        <caption style={{ captionSide: 'top', textAlign: 'left', padding: '0 0 6px' }}>
          <Text span size="sm" fw={600}>
            {t('records.versions.caption', { id: recordId })}
          </Text>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('records.versions.version')}</Table.Th>
            <Table.Th>{t('records.versions.details')}</Table.Th>
            <Table.Th>{t('records.versions.uploader')}</Table.Th>
            <Table.Th>{t('records.versions.block')}</Table.Th>
            <Table.Th>{t('records.versions.cid')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((version) => (
            <Table.Tr key={version.cid} data-testid="version-row" data-version={version.version}>
              <Table.Td fw={600}>
                {t('records.versionLabel', { version: version.version })}
                {version.keyRotation && (
                  <Badge
                    display="block"
                    mt={4}
                    size="xs"
                    variant="light"
                    color="gray"
                    title={t('records.versions.keyRotationHint', { version: version.version - 1 })}
                    data-testid="key-rotation"
                  >
                    {t('records.versions.keyRotation')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {version.details ? (
                  <>
                    <Text span size="sm">
                      {showControlCharacters(version.details.title)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {showControlCharacters(version.details.fileName)} ·{' '}
                      {format.bytes(version.details.size)} ·{' '}
                      <time dateTime={version.details.dateOfCare}>
                        {format.date(version.details.dateOfCare)}
                      </time>
                    </Text>
                  </>
                ) : version.withheld ? (
                  <>
                    <WithheldNote />
                    <Text size="xs" c="dimmed">
                      <time dateTime={version.withheld.dateOfCare}>
                        {format.date(version.withheld.dateOfCare)}
                      </time>
                    </Text>
                  </>
                ) : (
                  <EncryptedNote />
                )}
              </Table.Td>
              <Table.Td>
                <UploaderName address={version.uploader} self={self} />
              </Table.Td>
              <Table.Td ff="monospace" fz="sm">
                {version.blockNumber}
              </Table.Td>
              <Table.Td>
                <Group gap={2} wrap="nowrap">
                  <Text
                    span
                    ff="monospace"
                    fz="xs"
                    title={version.cid}
                    data-testid="version-cid"
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {`${version.cid.slice(0, 10)}…${version.cid.slice(-6)}`}
                  </Text>
                  <CopyValueButton value={version.cid} label={t('records.versions.cid')} />
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                {version.rekeyedAs === null ? (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onOpen(version.cid)}
                    aria-label={t('records.versions.openVersion', { version: version.version })}
                  >
                    {t('records.versions.open')}
                  </Button>
                ) : (
                  // Its content is gone from this node: the same file is the version that re-keyed it.
                  <Text
                    size="xs"
                    c="dimmed"
                    title={t('records.versions.rekeyedAsHint', { version: version.rekeyedAs })}
                    data-testid="rekeyed-as"
                  >
                    {t('records.versions.rekeyedAs', { version: version.rekeyedAs })}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

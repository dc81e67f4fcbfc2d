import { Badge, Table } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AuditVerification } from '../../../../electron/node/access/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { TxHash } from './TxHash.tsx'

/** Each head of the read log written on chain, and whether the log still leads to it. */
export function AnchorList({ anchors }: { anchors: AuditVerification['anchors'] }) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={6} withTableBorder bg="white" data-testid="audit-anchors">
        <caption style={{ captionSide: 'top', textAlign: 'left', padding: '0 0 6px' }}>
          {t('audit.verify.anchorsCaption')}
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.verify.block')}</Table.Th>
            <Table.Th>{t('audit.verify.entriesCovered')}</Table.Th>
            <Table.Th>{t('audit.table.txHash')}</Table.Th>
            <Table.Th>{t('audit.verify.anchorStatus')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {anchors.map((anchor) => (
            <Table.Tr key={anchor.txHash} data-testid="audit-anchor" data-ok={anchor.ok}>
              <Table.Td ff="monospace" fz="sm">
                {anchor.blockNumber}
              </Table.Td>
              <Table.Td fz="sm">{format.number(anchor.entries)}</Table.Td>
              <Table.Td>
                <TxHash hash={anchor.txHash} />
              </Table.Td>
              <Table.Td>
                <Badge color={anchor.ok ? 'green' : 'red'} variant="light" tt="none">
                  {anchor.ok ? t('audit.verify.anchorMatches') : t('audit.verify.anchorDiffers')}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

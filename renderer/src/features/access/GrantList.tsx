import { Button, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { GrantView } from '../../../../electron/node/access/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { shortAddress } from '../../shared/address.ts'
import { AccessTable } from './AccessTable.tsx'
import { GrantStateBadge } from './GrantStateBadge.tsx'
import { PartyCell } from './PartyCell.tsx'

interface GrantListProps {
  grants: readonly GrantView[]
  self: string
  /** Absent where the user cannot act for the patient. */
  onRevoke?: (grant: GrantView) => void
}

/** Everyone the patient let read their records: until when, and whether that still holds. */
export function GrantList({ grants, self, onRevoke }: GrantListProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <AccessTable
      caption={t('access.grants.title')}
      columns={[
        t('access.grants.reader'),
        t('access.grants.grantedAt'),
        t('access.grants.until'),
        t('access.grants.state'),
      ]}
      withActions={onRevoke !== undefined}
      empty={grants.length === 0 ? { text: t('access.grants.none'), testId: 'no-grants' } : null}
      minWidth={720}
      testId="grant-table"
    >
      {grants.map((grant) => (
        <Table.Tr key={grant.txHash} data-testid="grant-row" data-reader={grant.reader.address}>
          <Table.Td>
            <PartyCell party={grant.reader} self={self} withInstitution />
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <time dateTime={grant.grantedAt}>{format.dateTime(grant.grantedAt)}</time>
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {grant.expiresAt === null ? (
              t('access.grants.untilRevoked')
            ) : (
              <time dateTime={grant.expiresAt}>{format.dateTime(grant.expiresAt)}</time>
            )}
          </Table.Td>
          <Table.Td>
            <GrantStateBadge state={grant.state} />
            {grant.revokedAt && (
              <Text size="xs" c="dimmed">
                <time dateTime={grant.revokedAt}>{format.dateTime(grant.revokedAt)}</time>
              </Text>
            )}
          </Table.Td>
          {onRevoke && (
            <Table.Td ta="right">
              {grant.state === 'active' && (
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  onClick={() => onRevoke(grant)}
                  aria-label={t('access.grants.revokeWho', {
                    who: grant.reader.name ?? shortAddress(grant.reader.address),
                  })}
                >
                  {t('access.grants.revoke')}
                </Button>
              )}
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </AccessTable>
  )
}

import { Button, Table, Text, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { GrantView } from '../../../../electron/node/access/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { shortAddress } from '../../shared/address.ts'
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
  if (grants.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="no-grants">
        {t('access.grants.none')}
      </Text>
    )
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" data-testid="grant-table">
        <VisuallyHidden component="caption">{t('access.grants.title')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('access.grants.reader')}</Table.Th>
            <Table.Th>{t('access.grants.grantedAt')}</Table.Th>
            <Table.Th>{t('access.grants.until')}</Table.Th>
            <Table.Th>{t('access.grants.state')}</Table.Th>
            {onRevoke && (
              <Table.Th>
                <VisuallyHidden>{t('access.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
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
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

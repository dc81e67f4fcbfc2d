import { Button, Table, Text, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AccessRequestView } from '../../../../electron/node/access/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { shortAddress } from '../../shared/address.ts'
import { PartyCell } from './PartyCell.tsx'
import { usePurposeText } from './purposes.ts'

interface RequestListProps {
  requests: readonly AccessRequestView[]
  self: string
  /** Absent where the user cannot answer for the patient. */
  onGrant?: (request: AccessRequestView) => void
}

/** Staff who asked the patient for access and have no answer yet, oldest first. */
export function RequestList({ requests, self, onGrant }: RequestListProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  const purposeText = usePurposeText()
  if (requests.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="no-requests">
        {t('access.requests.none')}
      </Text>
    )
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" data-testid="request-table">
        <VisuallyHidden component="caption">{t('access.requests.title')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('access.requests.staff')}</Table.Th>
            <Table.Th>{t('access.requests.purpose')}</Table.Th>
            <Table.Th>{t('access.requests.requestedAt')}</Table.Th>
            {onGrant && (
              <Table.Th>
                <VisuallyHidden>{t('access.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {requests.map((request) => (
            <Table.Tr
              key={request.txHash}
              data-testid="request-row"
              data-staff={request.staff.address}
            >
              <Table.Td>
                <PartyCell party={request.staff} self={self} withInstitution />
              </Table.Td>
              <Table.Td data-testid="request-purpose">{purposeText(request.purpose)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={request.requestedAt}>{format.dateTime(request.requestedAt)}</time>
              </Table.Td>
              {onGrant && (
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    onClick={() => onGrant(request)}
                    aria-label={t('access.requests.grantWho', {
                      who: request.staff.name ?? shortAddress(request.staff.address),
                    })}
                  >
                    {t('access.requests.grant')}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

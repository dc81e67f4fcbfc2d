import { Button, Group, Table } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AccessRequestView } from '../../../../electron/node/access/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { shortAddress } from '../../shared/address.ts'
import { AccessTable } from './AccessTable.tsx'
import { PartyCell } from './PartyCell.tsx'
import { usePurposeText } from './purposes.ts'

interface RequestListProps {
  requests: readonly AccessRequestView[]
  self: string
  /** Absent where the user cannot answer for the patient. */
  onGrant?: (request: AccessRequestView) => void
  /** Absent unless the patient is signed in: only they may say no. */
  onDecline?: (request: AccessRequestView) => void
  /** The request whose decline is on its way. */
  declining?: string
}

function whoOf(request: AccessRequestView): string {
  return request.staff.name ?? shortAddress(request.staff.address)
}

/** Staff who asked the patient for access and have no answer yet, oldest first. */
export function RequestList({ requests, self, onGrant, onDecline, declining }: RequestListProps) {
  const { t } = useTranslation()
  const format = useFormatters()
  const purposeText = usePurposeText()
  return (
    <AccessTable
      caption={t('access.requests.title')}
      columns={[
        t('access.requests.staff'),
        t('access.requests.purpose'),
        t('access.requests.requestedAt'),
      ]}
      withActions={onGrant !== undefined}
      empty={
        requests.length === 0 ? { text: t('access.requests.none'), testId: 'no-requests' } : null
      }
      minWidth={640}
      testId="request-table"
    >
      {requests.map((request) => (
        <Table.Tr key={request.txHash} data-testid="request-row" data-staff={request.staff.address}>
          <Table.Td>
            <PartyCell party={request.staff} self={self} withInstitution />
          </Table.Td>
          <Table.Td data-testid="request-purpose">{purposeText(request.purpose)}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <time dateTime={request.requestedAt}>{format.dateTime(request.requestedAt)}</time>
          </Table.Td>
          {onGrant && (
            <Table.Td ta="right">
              <Group gap="xs" justify="flex-end" wrap="nowrap">
                <Button
                  size="xs"
                  onClick={() => onGrant(request)}
                  aria-label={t('access.requests.grantWho', { who: whoOf(request) })}
                >
                  {t('access.requests.grant')}
                </Button>
                {onDecline && (
                  <Button
                    size="xs"
                    variant="default"
                    loading={declining === request.txHash}
                    disabled={declining !== undefined}
                    onClick={() => onDecline(request)}
                    aria-label={t('access.requests.declineWho', { who: whoOf(request) })}
                  >
                    {t('access.requests.decline')}
                  </Button>
                )}
              </Group>
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </AccessTable>
  )
}

import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { PartyView } from '../../../../electron/node/access/types.ts'
import { shortAddress } from '../../shared/address.ts'
import { PartyName } from '../../shared/PartyName.tsx'
import { useInstitutions } from '../staff/queries.ts'

interface PartyCellProps {
  party: PartyView
  /** The signed-in account, marked "(you)" after its name. */
  self?: string
  /** Adds the institution's name under the person's. */
  withInstitution?: boolean
}

/** A person in a table cell: their name (or short address), under it the address and institution. */
export function PartyCell({ party, self, withInstitution = false }: PartyCellProps) {
  const { t } = useTranslation()
  const institutions = useInstitutions()
  const mine = self !== undefined && party.address.toLowerCase() === self.toLowerCase()
  const institution =
    party.institution === null
      ? undefined
      : (institutions.data?.find((candidate) => candidate.id === party.institution)?.name ??
        t('access.institutionNumber', { id: party.institution }))
  const details = [
    party.name !== null ? shortAddress(party.address) : undefined,
    withInstitution ? institution : undefined,
  ].filter(Boolean)
  return (
    <div title={party.address}>
      <PartyName party={party} testId="party-name" />
      {mine && (
        <Text span fz="sm" c="dimmed">
          {' '}
          {t('access.you')}
        </Text>
      )}
      {details.length > 0 && (
        <Text size="xs" c="dimmed">
          {details.join(' · ')}
        </Text>
      )}
    </div>
  )
}

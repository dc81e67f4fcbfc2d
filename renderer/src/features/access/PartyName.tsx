import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { PartyView } from '../../../../electron/node/access/types.ts'
import { shortAddress } from '../../shared/address.ts'
import { useInstitutions } from '../staff/queries.ts'

interface PartyNameProps {
  party: PartyView
  /** The signed-in account, marked "(you)" after its name. */
  self?: string
  /** Adds the institution's name under the person's. */
  withInstitution?: boolean
}

/**
 * Someone on chain as this node knows them: their name when registered here, else their short
 * address; the full address on hover.
 */
export function PartyName({ party, self, withInstitution = false }: PartyNameProps) {
  const { t } = useTranslation()
  const institutions = useInstitutions()
  const mine = self !== undefined && party.address.toLowerCase() === self.toLowerCase()
  const institution =
    party.institution === null
      ? undefined
      : (institutions.data?.find((candidate) => candidate.id === party.institution)?.name ??
        t('access.institutionNumber', { id: party.institution }))
  return (
    <div title={party.address}>
      <Text span fw={500} fz="sm" data-testid="party-name">
        {party.name ?? shortAddress(party.address)}
      </Text>
      {mine && (
        <Text span fz="sm" c="dimmed">
          {' '}
          {t('access.you')}
        </Text>
      )}
      {party.name !== null && (
        <Text span ff="monospace" fz="xs" c="dimmed">
          {' '}
          {shortAddress(party.address)}
        </Text>
      )}
      {withInstitution && institution && (
        <Text size="xs" c="dimmed">
          {institution}
        </Text>
      )}
    </div>
  )
}

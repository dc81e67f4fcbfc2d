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
 * Someone on chain as this node knows them: their name when registered here (their short address
 * underneath), else their short address; the full address on hover.
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
  const details = [
    party.name !== null ? shortAddress(party.address) : undefined,
    withInstitution ? institution : undefined,
  ].filter(Boolean)
  return (
    <div title={party.address}>
      <Text span fw={500} fz="sm" style={{ whiteSpace: 'nowrap' }} data-testid="party-name">
        {party.name ?? (
          <Text span ff="monospace" fz="sm">
            {shortAddress(party.address)}
          </Text>
        )}
      </Text>
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

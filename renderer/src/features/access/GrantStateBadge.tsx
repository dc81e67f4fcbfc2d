import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { GrantView } from '../../../../electron/node/access/types.ts'

const colors = { active: 'green', expired: 'gray', revoked: 'red' } as const
const labelKeys = {
  active: 'access.grants.states.active',
  expired: 'access.grants.states.expired',
  revoked: 'access.grants.states.revoked',
} as const

/** Active, expired or revoked; the colour repeats what the word says. */
export function GrantStateBadge({ state }: { state: GrantView['state'] }) {
  const { t } = useTranslation()
  return (
    <Badge
      color={colors[state]}
      variant="light"
      tt="none"
      styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
      data-testid="grant-state"
      data-state={state}
    >
      {t(labelKeys[state])}
    </Badge>
  )
}

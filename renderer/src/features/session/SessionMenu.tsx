import { Button, Group, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { shortAddress } from '../../shared/address.ts'
import { MemberStatusBadge } from '../../shared/MemberStatusBadge.tsx'
import { paths, screen } from '../../shared/paths.ts'
import { useSession, useSignOut } from './queries.ts'
import { clearSignedOutNotice } from './signedOutNotice.ts'
import { useRoleText } from './useRoleText.ts'

/** The header's account corner: who is signed in, as what, in which state, and Sign out. */
export function SessionMenu() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const session = useSession().data
  const signOut = useSignOut()
  const roleText = useRoleText()
  if (!session) return null

  const role = roleText(session.member)
  const handleSignOut = () => {
    clearSignedOutNotice()
    signOut.mutate()
    navigate(screen(paths.signIn))
  }

  return (
    <Group gap="sm" wrap="nowrap" role="group" aria-label={t('session.signedInAs')}>
      <Stack gap={0} visibleFrom="md" align="flex-end">
        <Text size="sm" fw={600} lh={1.3} data-testid="session-label">
          {session.label}
        </Text>
        <Text size="xs" c="dimmed" lh={1.3}>
          {role && <span data-testid="session-role">{role} · </span>}
          <span title={session.address}>{shortAddress(session.address)}</span>
        </Text>
      </Stack>
      <MemberStatusBadge status={session.member.status} testId="session-status" />
      <Button size="xs" variant="default" onClick={handleSignOut}>
        {t('session.signOut')}
      </Button>
    </Group>
  )
}

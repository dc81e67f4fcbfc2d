import { useTranslation } from 'react-i18next'
import type { MemberView } from '../../../../electron/node/identity/types.ts'
import { roleKeys } from '../../shared/roles.ts'

/** "Physician", "Network governor", "Patient"… or undefined for an account with no role yet. */
export function useRoleText() {
  const { t } = useTranslation()
  return (member: MemberView): string | undefined => {
    if (member.role) return t(roleKeys[member.role])
    if (member.isGovernor) return t('roles.governor')
    if (member.kind === 'patient') return t('roles.patient')
    return undefined
  }
}

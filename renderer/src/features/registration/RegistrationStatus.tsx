import { Alert } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { MemberView } from '../../../../electron/node/identity/types.ts'
import { roleKeys } from '../../shared/roles.ts'
import { useInstitutions } from '../staff/queries.ts'

/** Where a registered but not (or no longer) active account stands. */
export function RegistrationStatus({ member }: { member: MemberView }) {
  const { t } = useTranslation()
  const institutions = useInstitutions()
  const institution =
    institutions.data?.find((candidate) => candidate.id === member.institution)?.name ??
    (member.institution !== null ? `#${member.institution}` : '')
  const role = member.role ? t(roleKeys[member.role]) : ''

  if (member.kind === 'patient') {
    return (
      <Alert color="gray" variant="light" title={t('registration.patientTitle')}>
        {t('registration.patientBody')}
      </Alert>
    )
  }
  if (member.status === 'suspended') {
    return (
      <Alert color="red" variant="light" title={t('registration.suspendedTitle')}>
        {t('registration.suspendedBody', { role, institution })}
      </Alert>
    )
  }
  return (
    <Alert
      color="yellow"
      variant="light"
      title={t('registration.pendingTitle')}
      data-testid="registration-pending"
    >
      {t('registration.pendingBody', { role, institution })}
    </Alert>
  )
}

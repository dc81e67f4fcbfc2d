import { Alert } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useSettings } from '../settings/queries.ts'
import type { LockReason } from '../session/signedOutNotice.ts'

const defaultIdleMinutes = 10

/** Why the user is back at the sign-in screen without having signed out. */
export function SignedOutNotice({ reason }: { reason: LockReason }) {
  const { t } = useTranslation()
  const settings = useSettings()
  const minutes = settings.data?.security?.idleLockMinutes ?? defaultIdleMinutes
  return (
    <Alert color="yellow" variant="light" role="status" data-testid="signed-out-notice">
      {reason === 'idle'
        ? t('signIn.signedOutIdle', { count: minutes })
        : t('signIn.signedOutElsewhere')}
    </Alert>
  )
}

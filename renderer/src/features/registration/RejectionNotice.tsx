import { Alert } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { StaffRejectionView } from '../../../../electron/node/identity/types.ts'
import { useFormatters } from '../../i18n/format.ts'
import { shortAddress } from '../../shared/address.ts'

/**
 * The account's last registration was rejected: said plainly, above the form, since a rejected
 * account is otherwise indistinguishable from a new one and may register again.
 */
export function RejectionNotice({ rejection }: { rejection: StaffRejectionView }) {
  const { t } = useTranslation()
  const format = useFormatters()
  return (
    <Alert
      color="red"
      variant="light"
      title={t('registration.rejectedTitle')}
      role="alert"
      data-testid="registration-rejected"
    >
      {t('registration.rejectedBody', {
        who: rejection.by.name ?? shortAddress(rejection.by.address),
        time: format.dateTime(rejection.at),
      })}
    </Alert>
  )
}

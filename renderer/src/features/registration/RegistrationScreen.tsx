import { Alert, Stack } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TxReceiptView } from '../../../../electron/node/identity/types.ts'
import { PageLoader } from '../../shared/PageLoader.tsx'
import { ReceiptCard } from '../../shared/ReceiptCard.tsx'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { useSession } from '../session/queries.ts'
import { RegistrationStatus } from './RegistrationStatus.tsx'
import { RejectionNotice } from './RejectionNotice.tsx'
import { StaffRegistrationForm } from './StaffRegistrationForm.tsx'

/** Staff registration for an account the registry does not know yet, then its receipt. */
export function RegistrationScreen() {
  const { t } = useTranslation()
  const session = useSession().data
  const [receipt, setReceipt] = useState<TxReceiptView>()

  return (
    <>
      <ScreenHeader title={t('registration.title')} />
      {receipt ? (
        <Stack gap="lg" maw={900}>
          <Alert color="yellow" variant="light" title={t('registration.sentTitle')} role="status">
            {t('registration.sentBody')}
          </Alert>
          <ReceiptCard receipt={receipt} title={t('registration.receiptTitle')} />
        </Stack>
      ) : !session ? (
        <PageLoader />
      ) : session.member.kind === 'none' ? (
        <Stack gap="lg" maw={760}>
          {session.staffRejection && <RejectionNotice rejection={session.staffRejection} />}
          <StaffRegistrationForm onRegistered={setReceipt} />
        </Stack>
      ) : (
        <Stack maw={760}>
          <RegistrationStatus member={session.member} />
        </Stack>
      )}
    </>
  )
}

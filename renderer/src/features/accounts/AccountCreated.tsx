import { Alert, Card, DataList, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { DataField } from '../../shared/DataField.tsx'
import { RecoveryPhrase } from '../../shared/RecoveryPhrase.tsx'
import { WrittenDownConfirm } from '../../shared/WrittenDownConfirm.tsx'

interface AccountCreatedProps {
  account: { address: string; mnemonic: string }
  onContinue: () => void
}

/** The new account's address, and its recovery phrase, shown this once. */
export function AccountCreated({ account, onContinue }: AccountCreatedProps) {
  const { t } = useTranslation()
  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="lg">
        <DataList gap="sm" labelWidth="8rem">
          <DataField
            label={t('fields.address')}
            value={account.address}
            copyValue={account.address}
            testId="new-account-address"
          />
        </DataList>
      </Card>
      <Alert color="yellow" variant="light" title={t('recovery.onceTitle')}>
        {t('recovery.onceBody')}
      </Alert>
      <RecoveryPhrase
        phrase={account.mnemonic}
        label={t('accounts.recoveryPhrase')}
        testId="recovery-phrase"
      />
      <WrittenDownConfirm continueLabel={t('common.continue')} onContinue={onContinue} />
    </Stack>
  )
}

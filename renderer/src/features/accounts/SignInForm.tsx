import { Button, Stack } from '@mantine/core'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccountView } from '../../../../electron/node/identity/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { errorCode } from '../../shared/errors.ts'
import { fieldRules } from '../../shared/fieldRules.ts'
import { PassphraseInput } from '../../shared/PassphraseInput.tsx'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { useSignIn } from '../session/queries.ts'
import { AccountSelect } from './AccountSelect.tsx'

const rules = {
  address: { ...fieldRules.address, messageKey: 'forms.accountRequired' },
  passphrase: fieldRules.existingPassphrase,
} as const

interface SignInFormProps {
  accounts: readonly AccountView[]
  /** Preselected: the account just created or imported, or the only one there is. */
  initialAccount: string | undefined
  onSignedIn: () => void
}

export function SignInForm({ accounts, initialAccount, onSignedIn }: SignInFormProps) {
  const { t } = useTranslation()
  const signIn = useSignIn()
  const preselected =
    accounts.find((account) => account.address === initialAccount?.toLowerCase())?.address ??
    (accounts.length === 1 ? accounts[0]?.address : undefined)
  const form = useSchemaForm({
    initialValues: { address: preselected ?? '', passphrase: '' },
    rules,
  })
  const code = errorCode(signIn.error)

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    signIn.mutate(values, {
      onSuccess: onSignedIn,
      onError: (error) => {
        if (errorCode(error) === 'ERR_WRONG_PASSPHRASE') {
          form.setField('passphrase', '')
          form.setNodeError('passphrase', 'signIn.wrongPassphrase')
        }
      },
    })
  }

  return (
    <form id={form.formId} onSubmit={handleSubmit} noValidate aria-label={t('signIn.title')}>
      <Stack gap="md">
        <AccountSelect accounts={accounts} {...form.inputProps('address')} />
        <PassphraseInput
          label={t('fields.passphrase')}
          required
          autoFocus={preselected !== undefined}
          {...form.inputProps('passphrase')}
        />
        {signIn.isError && (
          <ErrorAlert
            error={signIn.error}
            title={
              code === 'ERR_TOO_MANY_ATTEMPTS' ? t('signIn.tooManyAttempts') : t('signIn.failed')
            }
          />
        )}
        <Button type="submit" loading={signIn.isPending} fullWidth>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  )
}

import { Button, Stack, TextInput } from '@mantine/core'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { errorCode } from '../../shared/errors.ts'
import { fieldRules, passphrasesMatch } from '../../shared/fieldRules.ts'
import { NewPassphraseFields } from '../../shared/NewPassphraseFields.tsx'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { useCreateAccount } from './queries.ts'

const initialValues = { label: '', passphrase: '', confirmPassphrase: '' }

const rules = {
  label: fieldRules.label,
  passphrase: fieldRules.passphrase,
  confirmPassphrase: fieldRules.confirmPassphrase,
} as const

const check = passphrasesMatch<typeof initialValues>([['passphrase', 'confirmPassphrase']])

export function CreateAccountForm({
  onCreated,
}: {
  onCreated: (account: { address: string; mnemonic: string }) => void
}) {
  const { t } = useTranslation()
  const form = useSchemaForm({ initialValues, rules, check })
  const create = useCreateAccount()

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    create.mutate(
      { label: values.label, passphrase: values.passphrase },
      {
        onSuccess: onCreated,
        onError: (error) => {
          if (errorCode(error) === 'ERR_WEAK_PASSPHRASE') {
            form.setNodeError('passphrase', 'forms.passphraseTooWeak')
          }
        },
      },
    )
  }

  return (
    <form
      id={form.formId}
      onSubmit={handleSubmit}
      noValidate
      aria-label={t('accounts.createTitle')}
    >
      <Stack gap="md">
        <TextInput
          label={t('fields.label')}
          description={t('accounts.labelDescription')}
          required
          autoComplete="off"
          {...form.inputProps('label')}
        />
        <NewPassphraseFields
          passphrase={form.inputProps('passphrase')}
          confirm={form.inputProps('confirmPassphrase')}
        />
        {create.isError && <ErrorAlert error={create.error} title={t('accounts.createFailed')} />}
        <Button type="submit" loading={create.isPending}>
          {t('accounts.createSubmit')}
        </Button>
      </Stack>
    </form>
  )
}

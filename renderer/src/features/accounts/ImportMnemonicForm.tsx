import { Button, Stack, TextInput, Textarea } from '@mantine/core'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { apiSpec } from '../../../../electron/node/api/spec.ts'
import type { AccountView } from '../../../../electron/node/identity/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { errorCode } from '../../shared/errors.ts'
import { fieldRules, passphrasesMatch } from '../../shared/fieldRules.ts'
import { NewPassphraseFields } from '../../shared/NewPassphraseFields.tsx'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { useImportMnemonic } from './queries.ts'

const initialValues = { mnemonic: '', label: '', passphrase: '', confirmPassphrase: '' }

const rules = {
  mnemonic: {
    schema: apiSpec['accounts.importMnemonic'].shape.mnemonic,
    messageKey: 'forms.mnemonicRequired',
  },
  label: fieldRules.label,
  passphrase: fieldRules.passphrase,
  confirmPassphrase: fieldRules.confirmPassphrase,
} as const

const check = passphrasesMatch<typeof initialValues>([['passphrase', 'confirmPassphrase']])

/** An account restored from its twelve-word recovery phrase, under a new passphrase. */
export function ImportMnemonicForm({ onImported }: { onImported: (account: AccountView) => void }) {
  const { t } = useTranslation()
  const form = useSchemaForm({ initialValues, rules, check })
  const importMnemonic = useImportMnemonic()

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    importMnemonic.mutate(
      { mnemonic: values.mnemonic, label: values.label, passphrase: values.passphrase },
      {
        onSuccess: onImported,
        onError: (error) => {
          const code = errorCode(error)
          if (code === 'ERR_INVALID_MNEMONIC')
            form.setNodeError('mnemonic', 'forms.mnemonicInvalid')
          if (code === 'ERR_WEAK_PASSPHRASE')
            form.setNodeError('passphrase', 'forms.passphraseTooWeak')
        },
      },
    )
  }

  return (
    <form id={form.formId} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <Textarea
          label={t('fields.recoveryPhrase')}
          description={t('accounts.recoveryPhraseDescription')}
          required
          autosize
          minRows={3}
          spellCheck={false}
          autoComplete="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          {...form.inputProps('mnemonic')}
        />
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
        {importMnemonic.isError && (
          <ErrorAlert error={importMnemonic.error} title={t('accounts.importFailed')} />
        )}
        <Button type="submit" loading={importMnemonic.isPending}>
          {t('accounts.importSubmit')}
        </Button>
      </Stack>
    </form>
  )
}

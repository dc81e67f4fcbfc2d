import { Button, FileInput, Stack, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { apiSpec } from '../../../../electron/node/api/spec.ts'
import type { AccountView } from '../../../../electron/node/identity/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { errorCode } from '../../shared/errors.ts'
import { fieldRules } from '../../shared/fieldRules.ts'
import { PassphraseInput } from '../../shared/PassphraseInput.tsx'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { useImportKeystore } from './queries.ts'

const rules = {
  json: {
    schema: apiSpec['accounts.importKeystore'].shape.json,
    messageKey: 'forms.keystoreRequired',
  },
  label: fieldRules.label,
  passphrase: fieldRules.existingPassphrase,
} as const

/** An account from its encrypted key file (as exported by a node, or another Ethereum wallet). */
export function ImportKeystoreForm({ onImported }: { onImported: (account: AccountView) => void }) {
  const { t } = useTranslation()
  const form = useSchemaForm({ initialValues: { json: '', label: '', passphrase: '' }, rules })
  const [file, setFile] = useState<File | null>(null)
  const importKeystore = useImportKeystore()

  async function pick(picked: File | null) {
    setFile(picked)
    form.setField('json', picked ? await picked.text() : '')
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    importKeystore.mutate(values, {
      onSuccess: onImported,
      onError: (error) => {
        const code = errorCode(error)
        if (code === 'ERR_INVALID_KEYSTORE') form.setNodeError('json', 'forms.keystoreInvalid')
        if (code === 'ERR_WRONG_PASSPHRASE')
          form.setNodeError('passphrase', 'signIn.wrongPassphrase')
      },
    })
  }

  return (
    <form id={form.formId} onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <FileInput
          label={t('fields.keyFile')}
          description={t('accounts.keyFileDescription')}
          placeholder={t('accounts.keyFilePlaceholder')}
          accept=".json,application/json"
          value={file}
          onChange={(picked) => void pick(picked)}
          error={form.errors.json}
          clearable
          required
        />
        <TextInput
          label={t('fields.label')}
          description={t('accounts.labelDescription')}
          required
          autoComplete="off"
          {...form.inputProps('label')}
        />
        <PassphraseInput
          label={t('fields.passphrase')}
          description={t('accounts.keyFilePassphraseDescription')}
          required
          {...form.inputProps('passphrase')}
        />
        {importKeystore.isError && (
          <ErrorAlert error={importKeystore.error} title={t('accounts.importFailed')} />
        )}
        <Button type="submit" loading={importKeystore.isPending}>
          {t('accounts.importSubmit')}
        </Button>
      </Stack>
    </form>
  )
}

import { FileInput, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PassphraseInput } from '../../shared/PassphraseInput.tsx'
import type { FieldsOf } from '../../shared/useSchemaForm.ts'

interface ConsentFieldsProps {
  form: FieldsOf<'passphrase'> & {
    errors: Partial<Record<'keystoreJson', string>>
    setField(name: 'keystoreJson', value: string): void
  }
}

/**
 * The patient, at a staff member's workstation, consents with their own key: the key file handed
 * out at registration and its passphrase. Both live in this dialog's memory only.
 */
export function ConsentFields({ form }: ConsentFieldsProps) {
  const { t } = useTranslation()
  const [file, setFile] = useState<File | null>(null)

  async function pick(picked: File | null) {
    setFile(picked)
    form.setField('keystoreJson', picked ? await picked.text() : '')
  }

  return (
    <Stack gap="sm" data-testid="consent-fields">
      <div>
        <Title order={3} size="h5">
          {t('access.consent.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('access.consent.description')}
        </Text>
      </div>
      <FileInput
        label={t('access.consent.keyFile')}
        placeholder={t('access.consent.keyFilePlaceholder')}
        accept=".json,application/json"
        value={file}
        onChange={(picked) => void pick(picked)}
        error={form.errors.keystoreJson}
        clearable
        required
        fileInputProps={{ 'data-testid': 'consent-key-file' } as object}
      />
      <PassphraseInput
        label={t('access.consent.passphrase')}
        description={t('access.consent.passphraseDescription')}
        required
        {...form.inputProps('passphrase')}
      />
    </Stack>
  )
}

import { SimpleGrid } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { PassphraseInput } from './PassphraseInput.tsx'
import type { InputBinding } from './useSchemaForm.ts'

/** A new passphrase typed twice, side by side on wide forms. */
export function NewPassphraseFields({
  passphrase,
  confirm,
  sideBySide = false,
}: {
  passphrase: InputBinding
  confirm: InputBinding
  sideBySide?: boolean
}) {
  const { t } = useTranslation()
  const fields = (
    <>
      <PassphraseInput
        label={t('fields.passphrase')}
        description={t('forms.passphraseHint')}
        // Side by side, the hint goes under the field so both fields line up.
        inputWrapperOrder={sideBySide ? ['label', 'input', 'description', 'error'] : undefined}
        required
        {...passphrase}
      />
      <PassphraseInput label={t('fields.confirmPassphrase')} required {...confirm} />
    </>
  )
  return sideBySide ? <SimpleGrid cols={{ base: 1, sm: 2 }}>{fields}</SimpleGrid> : fields
}

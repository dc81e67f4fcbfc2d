import { PasswordInput, type PasswordInputProps } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** A passphrase field whose show/hide button speaks the user's language. */
export function PassphraseInput(props: PasswordInputProps) {
  const { t } = useTranslation()
  return (
    <PasswordInput
      autoComplete="off"
      spellCheck={false}
      visibilityToggleButtonProps={{ 'aria-label': t('common.showPassphrase') }}
      {...props}
    />
  )
}

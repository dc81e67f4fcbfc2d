import { Fieldset, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { narrowInput } from './inputStyles.ts'
import { useFieldErrorText } from './useFieldErrorText.ts'
import type { SettingsFormState } from './useSettingsForm.ts'

/** How much ETH a new member is topped up to for gas on an external chain (identity/funding.ts). */
export function FundingFields({ form }: { form: SettingsFormState }) {
  const { t } = useTranslation()
  const errorText = useFieldErrorText()
  const { values, errors, setField } = form

  return (
    <Fieldset legend={t('settings.fundingTitle')} radius="md">
      <TextInput
        label={t('settings.topUpEth')}
        description={t('settings.topUpEthDescription')}
        value={values.topUpEth}
        onChange={(event) => setField('topUpEth', event.currentTarget.value)}
        error={errorText(errors.topUpEth)}
        inputMode="decimal"
        autoComplete="off"
        styles={narrowInput}
      />
    </Fieldset>
  )
}

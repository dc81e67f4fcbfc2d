import { Fieldset, NumberInput, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { narrowInput } from './inputStyles.ts'
import { useFieldErrorText } from './useFieldErrorText.ts'
import type { SettingsFormState } from './useSettingsForm.ts'

/** How soon an idle session locks, and how often the read log's head is anchored on chain. */
export function SecurityFields({ form }: { form: SettingsFormState }) {
  const { t } = useTranslation()
  const errorText = useFieldErrorText()
  const { values, errors, setField } = form

  return (
    <Fieldset legend={t('settings.securityTitle')} radius="md">
      <Stack gap="md">
        <NumberInput
          label={t('settings.idleLockMinutes')}
          description={t('settings.idleLockMinutesDescription')}
          value={values.idleLockMinutes}
          onChange={(minutes) => setField('idleLockMinutes', minutes)}
          error={errorText(errors.idleLockMinutes)}
          min={1}
          max={240}
          allowDecimal={false}
          allowNegative={false}
          styles={narrowInput}
        />
        <NumberInput
          label={t('settings.anchorEveryMinutes')}
          description={t('settings.anchorEveryMinutesDescription')}
          value={values.anchorEveryMinutes}
          onChange={(minutes) => setField('anchorEveryMinutes', minutes)}
          error={errorText(errors.anchorEveryMinutes)}
          min={1}
          max={1440}
          allowDecimal={false}
          allowNegative={false}
          styles={narrowInput}
        />
      </Stack>
    </Fieldset>
  )
}

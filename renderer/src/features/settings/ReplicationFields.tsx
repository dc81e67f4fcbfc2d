import { Checkbox, Fieldset, NumberInput, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { narrowInput } from './inputStyles.ts'
import { useFieldErrorText } from './useFieldErrorText.ts'
import type { SettingsFormState } from './useSettingsForm.ts'

/** On how many nodes every record's encrypted blocks are kept (replication/replicator.ts). */
export function ReplicationFields({ form }: { form: SettingsFormState }) {
  const { t } = useTranslation()
  const errorText = useFieldErrorText()
  const { values, errors, setField } = form

  return (
    <Fieldset legend={t('settings.replicationTitle')} radius="md">
      <Stack gap="md">
        <NumberInput
          label={t('settings.replicaCopies')}
          description={t('settings.replicaCopiesDescription')}
          value={values.replicaCopies}
          onChange={(copies) => setField('replicaCopies', copies)}
          error={errorText(errors.replicaCopies)}
          disabled={values.replicateToAll}
          min={1}
          max={32}
          allowDecimal={false}
          allowNegative={false}
          styles={narrowInput}
        />
        <Checkbox
          label={t('settings.replicateToAll')}
          description={t('settings.replicateToAllDescription')}
          checked={values.replicateToAll}
          onChange={(event) => setField('replicateToAll', event.currentTarget.checked)}
        />
      </Stack>
    </Fieldset>
  )
}

import { Fieldset, NumberInput, Stack, Textarea } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { monospaceInput, narrowInput } from './inputStyles.ts'
import { useFieldErrorText } from './useFieldErrorText.ts'
import type { SettingsFormState } from './useSettingsForm.ts'

/** The private swarm: the port this node listens on and the consortium peers it dials. */
export function IpfsFields({ form }: { form: SettingsFormState }) {
  const { t } = useTranslation()
  const errorText = useFieldErrorText()
  const { values, errors, setField } = form

  return (
    <Fieldset legend={t('settings.ipfsTitle')} radius="md">
      <Stack gap="md">
        <NumberInput
          label={t('settings.listenPort')}
          description={t('settings.listenPortDescription')}
          value={values.listenPort}
          onChange={(port) => setField('listenPort', port)}
          error={errorText(errors.listenPort)}
          min={0}
          max={65535}
          allowDecimal={false}
          allowNegative={false}
          styles={narrowInput}
        />
        <Textarea
          label={t('settings.peers')}
          description={t('settings.peersDescription')}
          value={values.peers}
          onChange={(event) => setField('peers', event.currentTarget.value)}
          error={errorText(errors.peers)}
          autosize
          minRows={3}
          maxRows={10}
          styles={monospaceInput}
          spellCheck={false}
          autoComplete="off"
        />
      </Stack>
    </Fieldset>
  )
}

import { Fieldset, Group, NumberInput, Radio, Stack, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { SettingsFormValues } from './form.ts'
import { monospaceInput, narrowInput } from './inputStyles.ts'
import { useFieldErrorText } from './useFieldErrorText.ts'
import type { SettingsFormState } from './useSettingsForm.ts'

function isChainMode(value: string): value is SettingsFormValues['chainMode'] {
  return value === 'embedded' || value === 'external'
}

/** Embedded chain (and where to serve it to other nodes) or an external JSON-RPC chain. */
export function ChainFields({ form }: { form: SettingsFormState }) {
  const { t } = useTranslation()
  const errorText = useFieldErrorText()
  const { values, errors, setField } = form

  return (
    <Fieldset legend={t('settings.chainTitle')} radius="md">
      <Stack gap="md">
        <Radio.Group
          label={t('settings.chainMode')}
          value={values.chainMode}
          onChange={(mode) => isChainMode(mode) && setField('chainMode', mode)}
        >
          <Group gap="xl" mt="xs">
            <Radio value="embedded" label={t('settings.chainModeEmbedded')} />
            <Radio value="external" label={t('settings.chainModeExternal')} />
          </Group>
        </Radio.Group>

        {/* Both modes' values stay in the form, so switching back and forth loses nothing. */}
        {values.chainMode === 'embedded' ? (
          <>
            <NumberInput
              label={t('settings.rpcPort')}
              description={t('settings.rpcPortDescription')}
              value={values.rpcPort}
              onChange={(port) => setField('rpcPort', port)}
              error={errorText(errors.rpcPort)}
              min={0}
              max={65535}
              allowDecimal={false}
              allowNegative={false}
              styles={narrowInput}
            />
            <TextInput
              label={t('settings.rpcHost')}
              description={t('settings.rpcHostDescription')}
              value={values.rpcHost}
              onChange={(event) => setField('rpcHost', event.currentTarget.value)}
              error={errorText(errors.rpcHost)}
              placeholder="127.0.0.1"
              styles={monospaceInput}
              spellCheck={false}
              autoComplete="off"
            />
            <TextInput
              label={t('settings.rpcPublicUrl')}
              description={t('settings.rpcPublicUrlDescription')}
              value={values.rpcPublicUrl}
              onChange={(event) => setField('rpcPublicUrl', event.currentTarget.value)}
              error={errorText(errors.rpcPublicUrl)}
              placeholder="https://chain.hospital.example"
              styles={monospaceInput}
              spellCheck={false}
              autoComplete="off"
            />
          </>
        ) : (
          <>
            <TextInput
              label={t('settings.rpcUrl')}
              description={t('settings.rpcUrlDescription')}
              value={values.rpcUrl}
              onChange={(event) => setField('rpcUrl', event.currentTarget.value)}
              error={errorText(errors.rpcUrl)}
              placeholder="https://rpc.consortium.example:8545"
              styles={monospaceInput}
              spellCheck={false}
              autoComplete="off"
              withAsterisk
            />
            <TextInput
              label={t('settings.contractAddress')}
              description={t('settings.contractAddressDescription')}
              value={values.contractAddress}
              onChange={(event) => setField('contractAddress', event.currentTarget.value)}
              error={errorText(errors.contractAddress)}
              placeholder="0x…"
              styles={monospaceInput}
              spellCheck={false}
              autoComplete="off"
              withAsterisk
            />
            <NumberInput
              label={t('settings.confirmations')}
              description={t('settings.confirmationsDescription')}
              value={values.confirmations}
              onChange={(count) => setField('confirmations', count)}
              error={errorText(errors.confirmations)}
              min={0}
              max={64}
              allowDecimal={false}
              allowNegative={false}
              styles={narrowInput}
            />
          </>
        )}
      </Stack>
    </Fieldset>
  )
}

import { Fieldset, Stack, Text, TextInput } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { NewPassphraseFields } from '../../shared/NewPassphraseFields.tsx'
import type { InputBinding } from '../../shared/useSchemaForm.ts'

interface NewAccountFieldsetProps {
  legend: string
  description: string
  label: InputBinding
  passphrase: InputBinding
  confirm: InputBinding
  /** Fields of the account's owner, under the account's own. */
  children?: ReactNode
}

/** One account the set-up creates: its label and a new passphrase typed twice. */
export function NewAccountFieldset(props: NewAccountFieldsetProps) {
  const { t } = useTranslation()
  return (
    <Fieldset legend={props.legend} radius="md">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {props.description}
        </Text>
        <TextInput
          label={t('fields.label')}
          description={t('setup.labelDescription')}
          required
          autoComplete="off"
          {...props.label}
        />
        <NewPassphraseFields sideBySide passphrase={props.passphrase} confirm={props.confirm} />
        {props.children}
      </Stack>
    </Fieldset>
  )
}

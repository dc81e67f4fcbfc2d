import { SimpleGrid, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { FieldsOf } from '../../shared/useSchemaForm.ts'

/**
 * The medical IC card's data. The contract stores only a commitment to it; the clear text stays
 * in this node's database.
 */
export function StaffIdentityFields({
  form,
}: {
  form: FieldsOf<'name' | 'nationalId' | 'licenceNumber'>
}) {
  const { t } = useTranslation()
  return (
    <>
      <TextInput
        label={t('fields.name')}
        required
        autoComplete="off"
        {...form.inputProps('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('fields.nationalId')}
          description={t('forms.nationalIdHint')}
          required
          autoComplete="off"
          spellCheck={false}
          {...form.inputProps('nationalId')}
        />
        <TextInput
          label={t('fields.licenceNumber')}
          description={t('forms.licenceNumberHint')}
          required
          autoComplete="off"
          spellCheck={false}
          {...form.inputProps('licenceNumber')}
        />
      </SimpleGrid>
    </>
  )
}

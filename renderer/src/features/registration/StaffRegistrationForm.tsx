import { Button, Fieldset, SimpleGrid, Stack, Text } from '@mantine/core'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TxReceiptView } from '../../../../electron/node/identity/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { fieldRules } from '../../shared/fieldRules.ts'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { InstitutionSelect } from '../staff/InstitutionSelect.tsx'
import { useRegisterSelf } from '../staff/queries.ts'
import { RoleSelect } from '../staff/RoleSelect.tsx'
import { StaffIdentityFields } from '../staff/StaffIdentityFields.tsx'

const initialValues = { name: '', nationalId: '', licenceNumber: '', institution: '', role: '' }

const rules = {
  name: fieldRules.name,
  nationalId: fieldRules.nationalId,
  licenceNumber: fieldRules.licenceNumber,
  institution: fieldRules.institution,
  role: fieldRules.role,
} as const

/** The signed-in account asks to become staff of an institution (paper III.A). */
export function StaffRegistrationForm({
  onRegistered,
}: {
  onRegistered: (receipt: TxReceiptView) => void
}) {
  const { t } = useTranslation()
  const form = useSchemaForm({ initialValues, rules })
  const register = useRegisterSelf()

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    register.mutate(
      {
        institution: values.institution,
        role: values.role,
        identity: {
          name: values.name,
          nationalId: values.nationalId,
          licenceNumber: values.licenceNumber,
        },
      },
      { onSuccess: onRegistered },
    )
  }

  return (
    <form id={form.formId} onSubmit={handleSubmit} noValidate aria-label={t('registration.title')}>
      <Stack gap="lg" maw={760}>
        <Fieldset legend={t('registration.icCardLegend')} radius="md">
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('registration.icCardDescription')}
            </Text>
            <StaffIdentityFields form={form} />
          </Stack>
        </Fieldset>
        <Fieldset legend={t('registration.positionLegend')} radius="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <InstitutionSelect {...form.inputProps('institution')} />
            <RoleSelect {...form.inputProps('role')} />
          </SimpleGrid>
        </Fieldset>
        {register.isError && <ErrorAlert error={register.error} title={t('registration.failed')} />}
        <div>
          <Button type="submit" loading={register.isPending}>
            {t('registration.submit')}
          </Button>
        </div>
        {register.isPending && (
          <Text size="sm" c="dimmed" role="status">
            {t('common.sendingTransaction')}
          </Text>
        )}
      </Stack>
    </form>
  )
}

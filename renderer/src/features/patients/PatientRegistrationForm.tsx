import { Button, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PatientRegistration } from '../../../../electron/node/identity/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { errorCode } from '../../shared/errors.ts'
import { fieldRules } from '../../shared/fieldRules.ts'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { useRegisterPatient } from './queries.ts'

const initialValues = { name: '', medicalRecordNumber: '', birthDate: '' }

const rules = {
  name: fieldRules.name,
  medicalRecordNumber: fieldRules.medicalRecordNumber,
  birthDate: fieldRules.birthDate,
} as const

/** Today in the workstation's time zone, as the date input's upper bound (YYYY-MM-DD). */
function today(): string {
  const now = new Date()
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}

export function PatientRegistrationForm({
  onRegistered,
}: {
  onRegistered: (registration: PatientRegistration) => void
}) {
  const { t } = useTranslation()
  const form = useSchemaForm({ initialValues, rules })
  const register = useRegisterPatient()

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    register.mutate(values, {
      onSuccess: (registration) => {
        form.reset()
        onRegistered(registration)
      },
      onError: (error) => {
        if (errorCode(error) === 'ERR_PATIENT_EXISTS') {
          form.setNodeError('medicalRecordNumber', 'patients.exists')
        }
      },
    })
  }

  return (
    <form id={form.formId} onSubmit={handleSubmit} noValidate aria-label={t('patients.deskTitle')}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('fields.name')}
            required
            autoComplete="off"
            {...form.inputProps('name')}
          />
          <TextInput
            label={t('fields.medicalRecordNumber')}
            required
            autoComplete="off"
            spellCheck={false}
            {...form.inputProps('medicalRecordNumber')}
          />
          <TextInput
            type="date"
            label={t('fields.birthDate')}
            required
            min="1900-01-01"
            max={today()}
            {...form.inputProps('birthDate')}
          />
        </SimpleGrid>
        {register.isError && (
          <ErrorAlert error={register.error} title={t('patients.registerFailed')} />
        )}
        <div>
          <Button type="submit" loading={register.isPending}>
            {t('patients.registerSubmit')}
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

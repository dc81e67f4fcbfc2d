import { Button, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { apiSpec } from '../../../../electron/node/api/spec.ts'
import type { InstitutionAdded } from '../../../../electron/node/identity/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { fieldRules } from '../../shared/fieldRules.ts'
import { ReceiptCard } from '../../shared/ReceiptCard.tsx'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { useAddInstitution } from './queries.ts'

const initialValues = { name: '', admin: '' }

const rules = {
  name: {
    schema: apiSpec['institutions.add'].shape.name,
    messageKey: 'forms.institutionNameInvalid',
  },
  admin: fieldRules.address,
} as const

const monospace = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } }

/**
 * A new hospital joins the network: its name, and the account of its first administrator, who
 * then registers and approves the hospital's staff. The admin created that account on their
 * own node and sends its address.
 */
export function AddInstitutionForm() {
  const { t } = useTranslation()
  const form = useSchemaForm({ initialValues, rules })
  const add = useAddInstitution()
  const [done, setDone] = useState<InstitutionAdded>()

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    add.mutate(values, {
      onSuccess: (added) => {
        setDone(added)
        form.reset()
      },
    })
  }

  return (
    <Stack gap="lg">
      <form
        id={form.formId}
        onSubmit={handleSubmit}
        noValidate
        aria-label={t('institutions.addTitle')}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('institutions.addDescription')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('fields.institutionName')}
              description={t('setup.institutionNameDescription')}
              required
              autoComplete="off"
              {...form.inputProps('name')}
            />
            <TextInput
              label={t('institutions.adminAccount')}
              description={t('institutions.adminAccountDescription')}
              placeholder="0x…"
              required
              autoComplete="off"
              spellCheck={false}
              styles={monospace}
              {...form.inputProps('admin')}
            />
          </SimpleGrid>
          {add.isError && <ErrorAlert error={add.error} title={t('institutions.addFailed')} />}
          <div>
            <Button type="submit" loading={add.isPending}>
              {t('institutions.addSubmit')}
            </Button>
          </div>
        </Stack>
      </form>
      {done && (
        <ReceiptCard
          receipt={done.receipt}
          title={t('institutions.addDoneTitle', {
            name: done.institution.name,
            id: done.institution.id,
          })}
        />
      )}
    </Stack>
  )
}

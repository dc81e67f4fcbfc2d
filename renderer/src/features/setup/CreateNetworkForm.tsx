import { Button, Fieldset, Group, Stack, Text, TextInput } from '@mantine/core'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { apiSpec } from '../../../../electron/node/api/spec.ts'
import type { NetworkCreated } from '../../../../electron/node/identity/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { errorCode } from '../../shared/errors.ts'
import { fieldRules, passphrasesMatch } from '../../shared/fieldRules.ts'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { StaffIdentityFields } from '../staff/StaffIdentityFields.tsx'
import { NewAccountFieldset } from './NewAccountFieldset.tsx'
import { useCreateNetwork } from './queries.ts'

const initialValues = {
  institutionName: '',
  governorLabel: '',
  governorPassphrase: '',
  governorConfirm: '',
  adminLabel: '',
  adminPassphrase: '',
  adminConfirm: '',
  name: '',
  nationalId: '',
  licenceNumber: '',
}

const rules = {
  institutionName: {
    schema: apiSpec['setup.createNetwork'].shape.institutionName,
    messageKey: 'forms.institutionNameInvalid',
  },
  governorLabel: fieldRules.label,
  governorPassphrase: fieldRules.passphrase,
  governorConfirm: fieldRules.confirmPassphrase,
  adminLabel: fieldRules.label,
  adminPassphrase: fieldRules.passphrase,
  adminConfirm: fieldRules.confirmPassphrase,
  name: fieldRules.name,
  nationalId: fieldRules.nationalId,
  licenceNumber: fieldRules.licenceNumber,
} as const

const check = passphrasesMatch<typeof initialValues>([
  ['governorPassphrase', 'governorConfirm'],
  ['adminPassphrase', 'adminConfirm'],
])

interface CreateNetworkFormProps {
  onCreated: (result: NetworkCreated) => void
  onBack: () => void
}

/**
 * A new network: the institution, the consortium governor's account (which adds institutions
 * later) and the institution's first administrator, whose identity goes on the medical IC card.
 */
export function CreateNetworkForm({ onCreated, onBack }: CreateNetworkFormProps) {
  const { t } = useTranslation()
  const form = useSchemaForm({ initialValues, rules, check })
  const create = useCreateNetwork()

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    create.mutate(
      {
        institutionName: values.institutionName,
        governor: { label: values.governorLabel, passphrase: values.governorPassphrase },
        admin: {
          label: values.adminLabel,
          passphrase: values.adminPassphrase,
          name: values.name,
          nationalId: values.nationalId,
          licenceNumber: values.licenceNumber,
        },
      },
      {
        onSuccess: onCreated,
        onError: (error) => {
          if (errorCode(error) === 'ERR_WEAK_PASSPHRASE') {
            form.setNodeError('adminPassphrase', 'forms.passphraseTooWeak')
          }
        },
      },
    )
  }

  return (
    <form id={form.formId} onSubmit={handleSubmit} noValidate aria-label={t('setup.createTitle')}>
      <Stack gap="lg" maw={820}>
        <Fieldset legend={t('setup.institutionLegend')} radius="md">
          <TextInput
            label={t('fields.institutionName')}
            description={t('setup.institutionNameDescription')}
            required
            autoComplete="organization"
            {...form.inputProps('institutionName')}
          />
        </Fieldset>

        <NewAccountFieldset
          legend={t('setup.governorLegend')}
          description={t('setup.governorDescription')}
          label={form.inputProps('governorLabel')}
          passphrase={form.inputProps('governorPassphrase')}
          confirm={form.inputProps('governorConfirm')}
        />

        <NewAccountFieldset
          legend={t('setup.adminLegend')}
          description={t('setup.adminDescription')}
          label={form.inputProps('adminLabel')}
          passphrase={form.inputProps('adminPassphrase')}
          confirm={form.inputProps('adminConfirm')}
        >
          <StaffIdentityFields form={form} />
        </NewAccountFieldset>

        {create.isError && <ErrorAlert error={create.error} title={t('setup.createFailed')} />}
        <Group gap="sm">
          <Button variant="default" onClick={onBack} disabled={create.isPending}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('setup.createSubmit')}
          </Button>
        </Group>
        {create.isPending && (
          <Text size="sm" c="dimmed" role="status">
            {t('setup.creating')}
          </Text>
        )}
      </Stack>
    </form>
  )
}

import { Button, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { apiSpec } from '../../../../electron/node/api/spec.ts'
import type { TxReceiptView } from '../../../../electron/node/identity/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { errorCode } from '../../shared/errors.ts'
import { fieldRules } from '../../shared/fieldRules.ts'
import { ReceiptCard } from '../../shared/ReceiptCard.tsx'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { useRegisterDirect } from '../staff/queries.ts'
import { RoleSelect } from '../staff/RoleSelect.tsx'
import { StaffIdentityFields } from '../staff/StaffIdentityFields.tsx'

const initialValues = {
  account: '',
  role: '',
  name: '',
  nationalId: '',
  licenceNumber: '',
  encryptionPublicKey: '',
}

const rules = {
  account: fieldRules.address,
  role: fieldRules.role,
  name: fieldRules.name,
  nationalId: fieldRules.nationalId,
  licenceNumber: fieldRules.licenceNumber,
  // Optional: an empty box means "the account's keys are on this node".
  encryptionPublicKey: {
    schema: z
      .string()
      .trim()
      .transform((key) => key || undefined)
      .pipe(apiSpec['staff.registerDirect'].shape.encryptionPublicKey),
    messageKey: 'forms.encryptionKeyInvalid',
  },
} as const

const monospace = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } }

/** The administrator checked the IC card in person: the account becomes active staff at once. */
export function DirectRegistrationForm() {
  const { t } = useTranslation()
  const form = useSchemaForm({ initialValues, rules })
  const register = useRegisterDirect()
  const [done, setDone] = useState<{ receipt: TxReceiptView; name: string }>()

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    register.mutate(
      {
        account: values.account,
        role: values.role,
        identity: {
          name: values.name,
          nationalId: values.nationalId,
          licenceNumber: values.licenceNumber,
        },
        ...(values.encryptionPublicKey ? { encryptionPublicKey: values.encryptionPublicKey } : {}),
      },
      {
        onSuccess: (receipt) => {
          setDone({ receipt, name: values.name })
          form.reset()
        },
        onError: (error) => {
          // Refused input while no key was given: the account's keys are not on this node.
          if (errorCode(error) === 'ERR_INVALID_INPUT' && !values.encryptionPublicKey) {
            form.setNodeError('encryptionPublicKey', 'approvals.encryptionKeyNeeded')
          }
        },
      },
    )
  }

  return (
    <Stack gap="lg">
      <form
        id={form.formId}
        onSubmit={handleSubmit}
        noValidate
        aria-label={t('approvals.directTitle')}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('approvals.directDescription')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('fields.account')}
              description={t('approvals.accountDescription')}
              placeholder="0x…"
              required
              autoComplete="off"
              spellCheck={false}
              styles={monospace}
              {...form.inputProps('account')}
            />
            <RoleSelect {...form.inputProps('role')} />
          </SimpleGrid>
          <StaffIdentityFields form={form} />
          <TextInput
            label={t('fields.encryptionPublicKey')}
            description={t('approvals.encryptionKeyDescription')}
            placeholder="0x02…"
            autoComplete="off"
            spellCheck={false}
            styles={monospace}
            {...form.inputProps('encryptionPublicKey')}
          />
          {register.isError && (
            <ErrorAlert error={register.error} title={t('approvals.directFailed')} />
          )}
          <div>
            <Button type="submit" loading={register.isPending}>
              {t('approvals.directSubmit')}
            </Button>
          </div>
        </Stack>
      </form>
      {done && (
        <ReceiptCard
          receipt={done.receipt}
          title={t('approvals.directDoneTitle', { who: done.name })}
        />
      )}
    </Stack>
  )
}

import { Button, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { apiSpec } from '../../../../electron/node/api/spec.ts'
import type { TopUpView } from '../../../../electron/node/identity/types.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { fieldRules } from '../../shared/fieldRules.ts'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { useFundAccount } from './queries.ts'

const initialValues = { to: '', amount: '' }

const rules = {
  to: fieldRules.address,
  amount: { schema: apiSpec['accounts.fund'].shape.amount, messageKey: 'funding.amountInvalid' },
} as const

const monospace = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } }

/**
 * On an external chain, which has no faucet, the governor or an administrator sends ETH to an
 * account for its gas: a newcomer who must pay for their own registration, say.
 */
export function FundAccountForm() {
  const { t } = useTranslation()
  const form = useSchemaForm({ initialValues, rules })
  const fund = useFundAccount()
  const [sent, setSent] = useState<TopUpView>()

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (!values) return
    fund.mutate(values, {
      onSuccess: (result) => {
        setSent(result)
        form.reset()
      },
    })
  }

  return (
    <form id={form.formId} onSubmit={handleSubmit} noValidate aria-label={t('funding.title')}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('funding.description')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('fields.account')}
            placeholder="0x…"
            required
            autoComplete="off"
            spellCheck={false}
            styles={monospace}
            {...form.inputProps('to')}
          />
          <TextInput
            label={t('funding.amount')}
            placeholder="0.1"
            required
            autoComplete="off"
            inputMode="decimal"
            {...form.inputProps('amount')}
          />
        </SimpleGrid>
        {fund.isError && <ErrorAlert error={fund.error} title={t('funding.failed')} />}
        {sent && (
          <Text size="sm" data-testid="funding-sent">
            {t('funding.sent', { amount: sent.amount, account: sent.to })}
          </Text>
        )}
        <div>
          <Button type="submit" loading={fund.isPending}>
            {t('funding.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  )
}

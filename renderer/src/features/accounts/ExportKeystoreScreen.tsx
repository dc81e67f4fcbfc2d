import { Anchor, Button, Card, Skeleton, Stack, Text } from '@mantine/core'
import type { FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { fieldRules } from '../../shared/fieldRules.ts'
import { paths, screen } from '../../shared/paths.ts'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { AccountSelect } from './AccountSelect.tsx'
import { useAccounts, useExportKeystore } from './queries.ts'

const rules = { address: { ...fieldRules.address, messageKey: 'forms.accountRequired' } } as const

/** Saves an account's key file, e.g. to move to another workstation; it stays encrypted. */
export function ExportKeystoreScreen() {
  const { t } = useTranslation()
  const accounts = useAccounts()
  const exportKeystore = useExportKeystore()
  const form = useSchemaForm({ initialValues: { address: '' }, rules })

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const values = form.submit()
    if (values) exportKeystore.mutate(values.address)
  }

  return (
    <>
      <ScreenHeader title={t('accounts.exportTitle')} />
      <Stack gap="lg" maw={520}>
        <Text size="sm" c="dimmed">
          {t('accounts.exportDescription')}
        </Text>
        <Card withBorder radius="md" padding="lg">
          {accounts.isPending ? (
            <Skeleton height={100} />
          ) : accounts.isError ? (
            <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
          ) : (
            <form
              id={form.formId}
              onSubmit={handleSubmit}
              noValidate
              aria-label={t('accounts.exportTitle')}
            >
              <Stack gap="md">
                <AccountSelect accounts={accounts.data} {...form.inputProps('address')} />
                {exportKeystore.isError && (
                  <ErrorAlert error={exportKeystore.error} title={t('accounts.exportFailed')} />
                )}
                {exportKeystore.isSuccess && (
                  <Text size="sm" c="green.8" role="status">
                    {t('accounts.exported', { file: exportKeystore.data })}
                  </Text>
                )}
                <Button type="submit" loading={exportKeystore.isPending}>
                  {t('accounts.exportSubmit')}
                </Button>
              </Stack>
            </form>
          )}
        </Card>
        <Anchor component={Link} to={screen(paths.signIn)} size="sm">
          {t('accounts.backToSignIn')}
        </Anchor>
      </Stack>
    </>
  )
}

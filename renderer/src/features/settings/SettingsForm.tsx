import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import { useEffect, useRef, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Settings } from '../../../../electron/node/settings/schema.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { ChainFields } from './ChainFields.tsx'
import { FundingFields } from './FundingFields.tsx'
import { IpfsFields } from './IpfsFields.tsx'
import { ReplicationFields } from './ReplicationFields.tsx'
import { SecurityFields } from './SecurityFields.tsx'
import { useUpdateSettings } from './queries.ts'
import { useFieldErrorText } from './useFieldErrorText.ts'
import { useSettingsForm } from './useSettingsForm.ts'

/** Chain, IPFS, sign-in and audit settings, validated with the node's schema, saved in one update. */
export function SettingsForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation()
  const form = useSettingsForm(settings)
  const update = useUpdateSettings()
  const errorText = useFieldErrorText()
  const formRef = useRef<HTMLFormElement>(null)

  // After a refused save, take keyboard and screen-reader users to the first field to fix.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [form.submitCount])

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    const patch = form.submit()
    if (patch) update.mutate(patch)
  }

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-label={t('settings.title')}>
      <Stack gap="lg">
        <ChainFields form={form} />
        <IpfsFields form={form} />
        <ReplicationFields form={form} />
        <SecurityFields form={form} />
        <FundingFields form={form} />
        <Alert color="blue" variant="light" data-testid="settings-restart-notice">
          {t('settings.restartNotice')}
        </Alert>
        {form.errors.form && (
          <Text c="red" size="sm">
            {errorText(form.errors.form)}
          </Text>
        )}
        {update.isError && (
          <ErrorAlert error={update.error} title={t('settings.saveFailedTitle')} />
        )}
        <Group gap="sm">
          <Button type="submit" loading={update.isPending} disabled={!form.dirty}>
            {t('settings.save')}
          </Button>
          <Button variant="default" onClick={form.reset} disabled={!form.dirty || update.isPending}>
            {t('settings.reset')}
          </Button>
          <Text role="status" c="green.8" size="sm" fw={500}>
            {update.isSuccess && !form.dirty ? t('settings.saved') : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  )
}

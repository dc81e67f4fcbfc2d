import { Button, FileInput, Group, Stack, Text } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { siteConfigSchema } from '../../../../electron/node/identity/schemas.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { errorCode } from '../../shared/errors.ts'
import { useSchemaForm } from '../../shared/useSchemaForm.ts'
import { useJoinNetwork } from './queries.ts'

/** The file's text must be JSON, and that JSON a site configuration as the node reads it. */
const siteConfigText = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown
    } catch {
      context.addIssue({ code: 'custom', message: 'not JSON' })
      return z.NEVER
    }
  })
  .pipe(siteConfigSchema)

const rules = {
  siteConfig: { schema: siteConfigText, messageKey: 'forms.siteConfigInvalid' },
} as const

interface JoinNetworkFormProps {
  onJoined: (network: string) => void
  onBack: () => void
}

/** Joins a network IT already runs, from the site configuration file they provided. */
export function JoinNetworkForm({ onJoined, onBack }: JoinNetworkFormProps) {
  const { t } = useTranslation()
  const form = useSchemaForm({ initialValues: { siteConfig: '' }, rules })
  const [file, setFile] = useState<File | null>(null)
  const join = useJoinNetwork()

  async function pick(picked: File | null) {
    setFile(picked)
    form.setField('siteConfig', picked ? await picked.text() : '')
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    if (!form.submit()) return
    join.mutate(form.values.siteConfig, {
      onSuccess: ({ network }) => onJoined(network),
      onError: (error) => {
        if (errorCode(error) === 'ERR_INVALID_INPUT') {
          form.setNodeError('siteConfig', 'forms.siteConfigInvalid')
        }
      },
    })
  }

  return (
    <form id={form.formId} onSubmit={handleSubmit} noValidate aria-label={t('setup.joinTitle')}>
      <Stack gap="lg" maw={640}>
        <Text size="sm">{t('setup.joinExplanation')}</Text>
        <FileInput
          label={t('fields.siteConfigFile')}
          description={t('setup.siteConfigDescription')}
          placeholder={t('setup.siteConfigPlaceholder')}
          accept=".json,application/json"
          value={file}
          onChange={(picked) => void pick(picked)}
          error={form.errors.siteConfig}
          clearable
          required
        />
        {join.isError && <ErrorAlert error={join.error} title={t('setup.joinFailed')} />}
        <Group gap="sm">
          <Button variant="default" onClick={onBack} disabled={join.isPending}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={join.isPending}>
            {t('setup.joinSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

import { Fieldset, Skeleton, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { ScreenHeader } from '../../shared/ScreenHeader.tsx'
import { isActiveAdmin } from '../../shared/access.ts'
import { useSession } from '../session/queries.ts'
import { SiteConfigDownload } from '../setup/SiteConfigDownload.tsx'
import { LanguageSwitcher } from './LanguageSwitcher.tsx'
import { useSettings } from './queries.ts'
import { SettingsForm } from './SettingsForm.tsx'

export function SettingsScreen() {
  const { t } = useTranslation()
  const settings = useSettings()
  const session = useSession().data
  // The site configuration holds the swarm key: the node hands it to administrators only.
  const mayExportSite = !!session && (isActiveAdmin(session) || session.member.isGovernor)

  return (
    <>
      <ScreenHeader title={t('settings.title')} />
      <Stack gap="lg" maw={760}>
        <Fieldset legend={t('settings.languageTitle')} radius="md">
          <Stack gap="xs" align="flex-start">
            <Text size="sm" c="dimmed">
              {t('settings.languageDescription')}
            </Text>
            <LanguageSwitcher />
          </Stack>
        </Fieldset>
        {mayExportSite && (
          <Fieldset legend={t('siteConfig.title')} radius="md">
            <Stack gap="xs" align="flex-start">
              <Text size="sm" c="dimmed">
                {t('siteConfig.description')}
              </Text>
              <SiteConfigDownload />
            </Stack>
          </Fieldset>
        )}
        {settings.isPending ? (
          <Skeleton height={420} radius="md" data-testid="settings-loading" />
        ) : settings.data ? (
          <SettingsForm settings={settings.data} />
        ) : (
          <ErrorAlert
            error={settings.error}
            onRetry={() => void settings.refetch()}
            retrying={settings.isFetching}
          />
        )}
      </Stack>
    </>
  )
}

import { Button, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { useNodeStatus } from '../status/queries.ts'
import { siteConfigFileName, useDownloadSiteConfig } from './queries.ts'

/**
 * The file another hospital's IT needs to join this network. It holds the swarm key, so it is
 * handed over like a key, never posted. Other nodes reach the chain only when this node serves
 * it over JSON-RPC, so until then the button explains that instead.
 */
export function SiteConfigDownload() {
  const { t } = useTranslation()
  const download = useDownloadSiteConfig()
  const status = useNodeStatus()
  const served = Boolean(status.data?.chain.rpcUrl)

  return (
    <Stack gap="xs" align="flex-start">
      <Button
        variant="default"
        onClick={() => download.mutate()}
        loading={download.isPending}
        disabled={!served}
      >
        {t('siteConfig.download')}
      </Button>
      <Text size="sm" c="dimmed">
        {served ? t('siteConfig.warning') : t('siteConfig.notServed')}
      </Text>
      {download.isSuccess && (
        <Text size="sm" c="green.8" role="status">
          {t('siteConfig.saved', { file: siteConfigFileName(download.data.network) })}
        </Text>
      )}
      {download.isError && (
        <ErrorAlert
          error={download.error}
          title={t('siteConfig.failed')}
          onClose={download.reset}
        />
      )}
    </Stack>
  )
}

import { Button, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { urlReach } from '../../../../electron/node/chain/rpc-address.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { useNodeStatus } from '../status/queries.ts'
import { siteConfigFileName, useDownloadSiteConfig } from './queries.ts'

/**
 * The file another hospital's IT needs to join this network. It holds the swarm key, so it is
 * handed over like a key, never posted. Other nodes reach the chain only when this node serves
 * it at an address that names a machine, so until then the button explains that instead; a
 * loopback address is allowed (nodes on this computer) with a warning.
 */
export function SiteConfigDownload() {
  const { t } = useTranslation()
  const download = useDownloadSiteConfig()
  const status = useNodeStatus()
  const rpcUrl = status.data?.chain.rpcUrl ?? null
  const reach = rpcUrl ? urlReach(rpcUrl) : null
  const served = reach === 'loopback' || reach === 'network'

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
      {reach === 'unspecified' && (
        <Text size="sm" c="orange.8">
          {t('siteConfig.noMachine', { url: rpcUrl })}
        </Text>
      )}
      {reach === 'loopback' && (
        <Text size="sm" c="orange.8" data-testid="site-config-loopback">
          {t('siteConfig.loopbackOnly', { url: rpcUrl })}
        </Text>
      )}
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

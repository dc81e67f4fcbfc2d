import { Alert, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/**
 * Said wherever this node serves its embedded chain: every other hospital then depends on this
 * one computer, and production belongs on a multi-node client in external mode.
 */
export function HostedChainNotice() {
  const { t } = useTranslation()
  return (
    <Alert
      color="yellow"
      variant="light"
      mt="xs"
      title={t('status.chain.hostingTitle')}
      data-testid="status-hosting-notice"
    >
      <Text size="sm">{t('status.chain.hostingNotice')}</Text>
    </Alert>
  )
}

import { Alert, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** The node has saved the network's settings; they take effect when the application restarts. */
export function JoinedNotice({ network }: { network: string }) {
  const { t } = useTranslation()
  return (
    <Alert
      color="blue"
      variant="light"
      title={t('setup.joinedTitle', { network })}
      maw={640}
      data-testid="join-restart-notice"
    >
      <Text size="sm">{t('setup.joinedBody')}</Text>
    </Alert>
  )
}

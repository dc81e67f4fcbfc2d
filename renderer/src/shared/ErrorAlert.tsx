import { Alert, Button, Code, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useErrorText } from './errorText.ts'
import { toDisplayError } from './errors.ts'

interface ErrorAlertProps {
  error: unknown
  /** Overrides the generic title, e.g. to say which action failed. */
  title?: string
  onRetry?: () => void
  retrying?: boolean
  /** Makes the alert dismissible. */
  onClose?: () => void
}

/** A failed api call, said in the display language, with its code and a retry where it helps. */
export function ErrorAlert({ error, title, onRetry, retrying = false, onClose }: ErrorAlertProps) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const shown = toDisplayError(error)
  const heading = title ?? (shown.kind === 'api' ? t('errors.title') : t('errors.unreachableTitle'))

  return (
    <Alert
      color="red"
      variant="light"
      title={heading}
      withCloseButton={onClose !== undefined}
      onClose={onClose}
      closeButtonLabel={t('common.close')}
      data-testid="error-alert"
    >
      <Stack gap="xs" align="flex-start">
        {shown.kind === 'api' ? (
          <>
            <Text size="sm" data-testid="error-message">
              {errorText(shown)}
            </Text>
            <Text size="sm" c="dimmed">
              {t('errors.code')}: <Code data-testid="error-code">{shown.code}</Code>
            </Text>
            {shown.hintKey && <Text size="sm">{t(shown.hintKey)}</Text>}
          </>
        ) : (
          <Text size="sm">{t('errors.unreachable')}</Text>
        )}
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry} loading={retrying}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  )
}

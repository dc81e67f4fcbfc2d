import { Alert, Button, Center, Code, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useRouteError } from 'react-router'

/** Last resort when a screen throws while rendering: say so, and offer a way back. */
export function RouteError() {
  const { t } = useTranslation()
  const error = useRouteError()
  const detail = error instanceof Error ? error.message : String(error)
  return (
    <Center mih="100vh" p="xl">
      <Alert color="red" title={t('app.crashTitle')} maw={560} w="100%">
        <Stack align="flex-start" gap="sm">
          <Code block w="100%">
            {detail}
          </Code>
          <Button variant="default" onClick={() => window.location.reload()}>
            {t('app.reload')}
          </Button>
        </Stack>
      </Alert>
    </Center>
  )
}

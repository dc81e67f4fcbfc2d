import { Button, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ScreenHeader } from '../shared/ScreenHeader.tsx'
import { homePath } from './features.ts'

export function NotFound() {
  const { t } = useTranslation()
  return (
    <Stack align="flex-start">
      <ScreenHeader title={t('app.notFoundTitle')} />
      <Text>{t('app.notFoundBody')}</Text>
      <Button component={Link} to={`/${homePath}`} variant="default">
        {t('app.goToStatus')}
      </Button>
    </Stack>
  )
}

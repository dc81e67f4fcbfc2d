import { Group, Title } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface ScreenHeaderProps {
  title: string
  /** Shown at the end of the header row, e.g. when the data was last refreshed. */
  aside?: ReactNode
}

/** A screen's heading, also used as the window title so the task switcher tells screens apart. */
export function ScreenHeader({ title, aside }: ScreenHeaderProps) {
  const { t } = useTranslation()
  useDocumentTitle(t('app.pageTitle', { screen: title }))
  return (
    <Group justify="space-between" align="baseline" mb="lg" wrap="wrap">
      <Title order={1} size="h2">
        {title}
      </Title>
      {aside}
    </Group>
  )
}

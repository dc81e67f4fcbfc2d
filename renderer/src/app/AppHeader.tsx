import { Burger, Group, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { LanguageSwitcher } from '../features/settings/LanguageSwitcher.tsx'
import { SessionMenu } from '../features/session/SessionMenu.tsx'
import { NodeIndicator } from '../features/status/NodeIndicator.tsx'

interface AppHeaderProps {
  navbarOpened: boolean
  onToggleNavbar: () => void
}

export function AppHeader({ navbarOpened, onToggleNavbar }: AppHeaderProps) {
  const { t } = useTranslation()
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navbarOpened}
          onClick={onToggleNavbar}
          hiddenFrom="sm"
          size="sm"
          aria-label={t('app.toggleNavigation')}
        />
        <Title order={2} size="h3" c="clinical.8" style={{ whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Title>
      </Group>
      <Group gap="md" wrap="nowrap">
        <Group visibleFrom="md">
          <NodeIndicator />
        </Group>
        <SessionMenu />
        <LanguageSwitcher size="xs" />
      </Group>
    </Group>
  )
}

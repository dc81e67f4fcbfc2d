import { AppShell } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useTranslation } from 'react-i18next'
import { Outlet, ScrollRestoration } from 'react-router'
import { EmergencyAlerts } from '../features/emergency/EmergencyAlerts.tsx'
import { SessionWatcher } from '../features/session/SessionWatcher.tsx'
import { AppHeader } from './AppHeader.tsx'
import { AppNavbar } from './AppNavbar.tsx'

/** Header, navbar and the current screen. On narrow windows the navbar folds behind a burger. */
export function Shell() {
  const { t } = useTranslation()
  const [navbarOpened, navbar] = useDisclosure(false)
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <AppHeader navbarOpened={navbarOpened} onToggleNavbar={navbar.toggle} />
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t('app.navigation')}>
        <AppNavbar onNavigate={navbar.close} />
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <SessionWatcher />
        <EmergencyAlerts />
        <Outlet />
        {/* Each screen opens at its top, not at the scroll position of the previous one. */}
        <ScrollRestoration />
      </AppShell.Main>
    </AppShell>
  )
}

import { NavLink } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { useAccessContext } from '../features/session/useAccessContext.ts'
import { admits } from '../shared/access.ts'
import { features } from './features.ts'

/** One entry per screen this user can open, built from the same list as the routes. */
export function AppNavbar({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  const context = useAccessContext()
  const listed = features.filter(
    ({ audience = 'everyone', inNavbar = audience }) =>
      inNavbar !== false &&
      admits(audience, context) === true &&
      admits(inNavbar, context) === true,
  )
  return (
    <>
      {listed.map(({ path, navLabelKey }) => {
        const active = pathname === `/${path}` || pathname.startsWith(`/${path}/`)
        return (
          <NavLink
            key={path}
            component={Link}
            to={`/${path}`}
            label={t(navLabelKey)}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
            fw={500}
          />
        )
      })}
    </>
  )
}

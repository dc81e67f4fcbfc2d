import type { FeatureRoute } from '../../shared/feature.ts'
import { SettingsScreen } from './SettingsScreen.tsx'

export const settingsRoute: FeatureRoute = {
  path: 'settings',
  navLabelKey: 'nav.settings',
  element: <SettingsScreen />,
}

import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { SetupScreen } from './SetupScreen.tsx'

export const setupRoute: FeatureRoute = {
  path: paths.setup,
  navLabelKey: 'nav.setup',
  element: <SetupScreen />,
  audience: 'new-network',
}

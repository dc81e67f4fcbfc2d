import type { FeatureRoute } from '../../shared/feature.ts'
import { StatusScreen } from './StatusScreen.tsx'

export const statusRoute: FeatureRoute = {
  path: 'status',
  navLabelKey: 'nav.status',
  element: <StatusScreen />,
}

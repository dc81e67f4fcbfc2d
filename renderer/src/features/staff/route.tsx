import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { StaffDirectoryScreen } from './StaffDirectoryScreen.tsx'

export const staffRoute: FeatureRoute = {
  path: paths.staff,
  navLabelKey: 'nav.staff',
  element: <StaffDirectoryScreen />,
  audience: () => true,
}

import { isActiveStaff } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { PatientsScreen } from './PatientsScreen.tsx'

export const patientsRoute: FeatureRoute = {
  path: paths.patients,
  navLabelKey: 'nav.patients',
  element: <PatientsScreen />,
  audience: isActiveStaff,
}

import { isPatient } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { PatientHomeScreen } from './PatientHomeScreen.tsx'

/** Where a signed-in patient lands. */
export const patientHomeRoute: FeatureRoute = {
  path: paths.patientHome,
  navLabelKey: 'patientHome.nav',
  element: <PatientHomeScreen />,
  audience: isPatient,
}

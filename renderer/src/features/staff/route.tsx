import { isActiveStaff, isPatient } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { StaffDirectoryScreen } from './StaffDirectoryScreen.tsx'

/** As the node's permission table: active staff, the governor, and patients choosing a reader. */
export const staffRoute: FeatureRoute = {
  path: paths.staff,
  navLabelKey: 'nav.staff',
  element: <StaffDirectoryScreen />,
  audience: (session) => isActiveStaff(session) || isPatient(session) || session.member.isGovernor,
}

import type { SessionView } from '../../../../electron/node/identity/types.ts'
import { isActiveStaff, isPatient } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { recordsPath } from './recordsPath.ts'
import { RecordsScreen } from './RecordsScreen.tsx'

/** Active staff read and upload any patient's chart; a patient reads their own. */
function mayReadCharts(session: SessionView): boolean {
  return isActiveStaff(session) || isPatient(session)
}

export const recordsRoute: FeatureRoute = {
  path: recordsPath,
  navLabelKey: 'records.nav',
  element: <RecordsScreen />,
  audience: mayReadCharts,
  // A patient's chart is on their home screen, which opens records here.
  inNavbar: isActiveStaff,
}

import type { SessionView } from '../../../../electron/node/identity/types.ts'
import { isActiveStaff } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { recordsPath } from './recordsPath.ts'
import { RecordsScreen } from './RecordsScreen.tsx'

/** Active staff read and upload any patient's chart; a patient reads their own. */
function mayReadCharts(session: SessionView): boolean {
  return isActiveStaff(session) || session.member.kind === 'patient'
}

export const recordsRoute: FeatureRoute = {
  path: recordsPath,
  navLabelKey: 'records.nav',
  element: <RecordsScreen />,
  audience: mayReadCharts,
}

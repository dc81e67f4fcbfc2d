import type { SessionView } from '../../../../electron/node/identity/types.ts'
import { isActiveAdmin } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { EmergenciesScreen } from './EmergenciesScreen.tsx'

/** Administrators review their institution's emergencies; the governor oversees the network's. */
function mayReviewEmergencies(session: SessionView): boolean {
  return isActiveAdmin(session) || session.member.isGovernor
}

export const emergenciesRoute: FeatureRoute = {
  path: paths.emergencies,
  navLabelKey: 'emergency.nav',
  element: <EmergenciesScreen />,
  audience: mayReviewEmergencies,
}

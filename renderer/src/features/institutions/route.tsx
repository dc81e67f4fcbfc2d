import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { InstitutionsScreen } from './InstitutionsScreen.tsx'

/** The governor's desk, as the node's permission table: only the governor adds institutions. */
export const institutionsRoute: FeatureRoute = {
  path: paths.institutions,
  navLabelKey: 'institutions.nav',
  element: <InstitutionsScreen />,
  audience: (session) => session.member.isGovernor,
}

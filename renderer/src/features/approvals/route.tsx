import { isActiveAdmin } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { ApprovalsScreen } from './ApprovalsScreen.tsx'

export const approvalsRoute: FeatureRoute = {
  path: paths.approvals,
  navLabelKey: 'nav.approvals',
  element: <ApprovalsScreen />,
  audience: isActiveAdmin,
}

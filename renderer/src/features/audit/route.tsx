import { isActiveStaff } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { AuditScreen } from './AuditScreen.tsx'

/** Active staff review the trail; administrators answer for it to their institution. */
export const auditRoute: FeatureRoute = {
  path: paths.audit,
  navLabelKey: 'audit.nav',
  element: <AuditScreen />,
  audience: isActiveStaff,
}

import { isActiveStaff } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { AuditScreen } from './AuditScreen.tsx'

/** Active staff review the trail; a patient sees who did what with their own records. */
export const auditRoute: FeatureRoute = {
  path: paths.audit,
  navLabelKey: 'audit.nav',
  element: <AuditScreen />,
  audience: (session) => isActiveStaff(session) || session.member.kind === 'patient',
}

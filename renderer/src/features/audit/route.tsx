import { mayReadAuditTrail } from '../../shared/access.ts'
import type { FeatureRoute } from '../../shared/feature.ts'
import { paths } from '../../shared/paths.ts'
import { AuditScreen } from './AuditScreen.tsx'

/** Administrators and auditors review the trail; a patient sees who did what with their records. */
export const auditRoute: FeatureRoute = {
  path: paths.audit,
  navLabelKey: 'audit.nav',
  element: <AuditScreen />,
  audience: mayReadAuditTrail,
}

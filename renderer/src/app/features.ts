import { accountRoutes, signInRoute } from '../features/accounts/route.tsx'
import { approvalsRoute } from '../features/approvals/route.tsx'
import { auditRoute } from '../features/audit/route.tsx'
import { emergenciesRoute } from '../features/emergency/route.tsx'
import { institutionsRoute } from '../features/institutions/route.tsx'
import { patientHomeRoute } from '../features/patient-home/route.tsx'
import { patientsRoute } from '../features/patients/route.tsx'
import { recordsRoute } from '../features/records/route.tsx'
import { registrationRoute } from '../features/registration/route.tsx'
import { settingsRoute } from '../features/settings/route.tsx'
import { setupRoute } from '../features/setup/route.tsx'
import { staffRoute } from '../features/staff/route.tsx'
import { statusRoute } from '../features/status/route.tsx'
import type { FeatureRoute } from '../shared/feature.ts'

/**
 * The screens that exist, in navbar order; add a feature's route here to ship it. Each screen's
 * audience decides who sees it listed and who may open it.
 */
export const features: readonly FeatureRoute[] = [
  setupRoute,
  signInRoute,
  registrationRoute,
  patientHomeRoute,
  approvalsRoute,
  institutionsRoute,
  patientsRoute,
  recordsRoute,
  emergenciesRoute,
  staffRoute,
  auditRoute,
  statusRoute,
  settingsRoute,
  ...accountRoutes,
]

/** Where IT staff land when the node cannot say who is signed in (it is still starting). */
export const homePath = statusRoute.path

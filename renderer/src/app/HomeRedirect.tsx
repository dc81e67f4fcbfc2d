import { Navigate } from 'react-router'
import { useAccessContext } from '../features/session/useAccessContext.ts'
import { isActiveAdmin, isActiveStaff, isPatient, type AccessContext } from '../shared/access.ts'
import { PageLoader } from '../shared/PageLoader.tsx'
import { paths, screen } from '../shared/paths.ts'
import { homePath } from './features.ts'

/**
 * The first screen for this user: set-up, sign-in, or where their work is. Each answer must be a
 * screen whose audience admits them: the route guard sends anyone else back here.
 */
function homeOf({ stage, session }: AccessContext): string {
  if (stage === 'new-network') return screen(paths.setup)
  if (!session) return screen(paths.signIn)
  if (isActiveAdmin(session)) return screen(paths.approvals)
  if (isActiveStaff(session)) return screen(paths.patients)
  if (isPatient(session)) return screen(paths.patientHome)
  // The governor's work is onboarding hospitals; a governor is neither staff nor patient.
  if (session.member.isGovernor) return screen(paths.institutions)
  return screen(paths.registration)
}

export function HomeRedirect() {
  const context = useAccessContext()
  // The node cannot say yet (starting, or unreachable): the status screen tells IT why.
  if (context.failed) return <Navigate to={`/${homePath}`} replace />
  if (context.stage === undefined || (context.stage === 'ready' && context.session === undefined)) {
    return <PageLoader />
  }
  return <Navigate to={homeOf(context)} replace />
}

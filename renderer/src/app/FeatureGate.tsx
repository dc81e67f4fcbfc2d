import { Navigate, useLocation } from 'react-router'
import { useAccessContext } from '../features/session/useAccessContext.ts'
import type { SignInState } from '../features/session/SessionWatcher.tsx'
import { admits } from '../shared/access.ts'
import type { FeatureRoute } from '../shared/feature.ts'
import { PageLoader } from '../shared/PageLoader.tsx'
import { paths, screen } from '../shared/paths.ts'

/**
 * Opens a screen only for its audience. Without a session, a signed-in screen leads to sign-in
 * (and back here after); anything else not meant for this user leads to their home screen.
 */
export function FeatureGate({ feature }: { feature: FeatureRoute }) {
  const context = useAccessContext()
  const location = useLocation()
  const audience = feature.audience ?? 'everyone'
  const admitted = admits(audience, context)

  if (admitted === undefined) return context.failed ? <Navigate to="/" replace /> : <PageLoader />
  if (admitted) return feature.element
  if (typeof audience === 'function' && context.session === null && context.stage === 'ready') {
    const state: SignInState = { from: location.pathname }
    return <Navigate to={screen(paths.signIn)} replace state={state} />
  }
  return <Navigate to="/" replace />
}

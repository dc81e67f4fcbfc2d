import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useLocation, useNavigate } from 'react-router'
import type { SessionView } from '../../../../electron/node/identity/types.ts'
import { emr } from '../../api/emr.ts'
import { paths, screen } from '../../shared/paths.ts'
import { onVaultLocked } from './lockSignal.ts'
import { forgetSession, sessionKey, useSession } from './queries.ts'
import { setSignedOutNotice, type LockReason } from './signedOutNotice.ts'
import { useActivityTouch } from './useActivityTouch.ts'

/** What the sign-in screen is told when the app sends the user there. */
export interface SignInState {
  /** Where to go back to after signing in. */
  from?: string
  /** The account to preselect (just created or imported). */
  account?: string
}

/**
 * Keeps the session alive while the user works, and when it ends (idle lock, signed out
 * elsewhere, or a call refused with ERR_VAULT_LOCKED) forgets it and goes to the sign-in screen,
 * which says why.
 */
export function SessionWatcher() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const location = useLocation()
  const session = useSession()
  const pathnameRef = useRef(location.pathname)

  useEffect(() => {
    pathnameRef.current = location.pathname
  }, [location.pathname])

  useActivityTouch(Boolean(session.data))

  useEffect(() => {
    const signInPath = screen(paths.signIn)
    const ended = (reason: LockReason, evenWithoutSession: boolean) => {
      const had = queryClient.getQueryData<SessionView | null>(sessionKey)
      const from = pathnameRef.current === signInPath ? undefined : pathnameRef.current
      if (had) setSignedOutNotice({ reason, from })
      forgetSession(queryClient)
      if ((had || evenWithoutSession) && from !== undefined) {
        navigate(signInPath, { state: { from } satisfies SignInState })
      }
    }
    const offLocked = emr.on('locked', ({ reason }) => ended(reason, false))
    const offRefused = onVaultLocked(() => ended('idle', true))
    return () => {
      offLocked()
      offRefused()
    }
  }, [queryClient, navigate])

  return null
}

import { useEffect } from 'react'
import { useBlocker, type Blocker } from 'react-router'
import { paths, screen } from './paths.ts'

/**
 * While `active`, leaving the screen asks first: in-app navigation is held by the returned
 * blocker (the screen asks in its own words, then calls `proceed` or `reset`), and closing or
 * reloading the page gets the browser's own prompt (in Electron, the shell's dialog). The
 * sign-in screen is never held: an idle lock or a sign-out must always win, and takes what the
 * screen held with it.
 */
export function useLeaveGuard(active: boolean): Blocker {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      active &&
      nextLocation.pathname !== currentLocation.pathname &&
      nextLocation.pathname !== screen(paths.signIn),
  )
  useEffect(() => {
    if (!active) return undefined
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older Chromium (and Electron's will-prevent-unload) still read the legacy field.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [active])
  return blocker
}

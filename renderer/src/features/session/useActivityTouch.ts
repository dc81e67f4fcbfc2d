import { useEffect } from 'react'
import { emr } from '../../api/emr.ts'
import { reportIfVaultLocked } from './lockSignal.ts'

/** Often enough to keep a 10-minute idle lock away from anyone working, rare enough to cost nothing. */
const touchIntervalMs = 30_000

const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const

/** Tells the node the user is still at the workstation, at most once per 30 s, while signed in. */
export function useActivityTouch(signedIn: boolean): void {
  useEffect(() => {
    if (!signedIn) return
    // Signing in was itself activity.
    let lastTouch = Date.now()
    const onActivity = () => {
      const now = Date.now()
      if (now - lastTouch < touchIntervalMs) return
      lastTouch = now
      emr.session.touch().catch(reportIfVaultLocked)
    }
    for (const name of activityEvents) {
      window.addEventListener(name, onActivity, { passive: true, capture: true })
    }
    return () => {
      for (const name of activityEvents) {
        window.removeEventListener(name, onActivity, { capture: true })
      }
    }
  }, [signedIn])
}

/**
 * Why the last session ended without the user's own Sign out, kept outside the router: both the
 * session watcher and the route guard send the user to sign-in when a session ends, and
 * whichever navigation lands last must not lose the notice.
 */
import { useSyncExternalStore } from 'react'
import type { ApiEvents } from '../../../../electron/node/api/spec.ts'

export type LockReason = ApiEvents['locked']['reason']

export interface SignedOutNotice {
  reason: LockReason
  /** The screen the user was on, to return to after signing in again. */
  from: string | undefined
}

let current: SignedOutNotice | undefined
const listeners = new Set<() => void>()

function publish(next: SignedOutNotice | undefined): void {
  current = next
  for (const listener of listeners) listener()
}

export function setSignedOutNotice(notice: SignedOutNotice): void {
  publish(notice)
}

export function clearSignedOutNotice(): void {
  if (current) publish(undefined)
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useSignedOutNotice(): SignedOutNotice | undefined {
  return useSyncExternalStore(subscribe, () => current)
}

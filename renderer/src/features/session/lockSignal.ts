/**
 * ERR_VAULT_LOCKED from any call, passed to whoever takes the user to the sign-in screen. The
 * query cache reports here, outside React, and the session watcher listens inside the router.
 */
import { errorCode } from '../../shared/errors.ts'

type Listener = () => void

const listeners = new Set<Listener>()

export function onVaultLocked(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function reportIfVaultLocked(error: unknown): void {
  if (errorCode(error) !== 'ERR_VAULT_LOCKED') return
  for (const listener of listeners) listener()
}

/** Enforces the api's permission table (permissions.ts) for one call's actor. */
import { ForbiddenError, NotActiveStaffError, VaultLockedError } from '../errors.ts'
import type { Actor } from './actor.ts'
import type { CallerKind } from './permissions.ts'

const kindNames: Record<CallerKind, string> = {
  anyone: 'anyone',
  signedIn: 'a signed-in account',
  staff: 'active staff',
  admin: 'an institution administrator',
  auditor: 'an auditor',
  governor: 'the governor',
  patient: 'a registered patient',
}

/** The sentence a refusal names its admitted callers in, e.g. "an administrator or the governor". */
export function describeCallers(callers: readonly CallerKind[]): string {
  const names = callers.map((kind) => kindNames[kind])
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
}

/**
 * Passes when the actor is any one of `callers`. Signed out, the refusal is the locked vault's
 * (the screens then go to sign-in). Staff still pending or suspended where active staff may call
 * are told that, as the registry would; any other account is told who may.
 */
export async function requireCallers(actor: Actor, callers: readonly CallerKind[]): Promise<void> {
  if (callers.includes('anyone')) return
  if (actor.address === null) throw new VaultLockedError()
  // Any signed-in account: no need to ask the chain, which may be unreachable.
  if (callers.includes('signedIn')) return
  const kinds = await actor.kinds()
  if (callers.some((kind) => kinds.has(kind))) return
  const member = await actor.member()
  if (callers.includes('staff') && member?.kind === 'staff') {
    throw new NotActiveStaffError(`The account is ${member.status} staff, not active staff`)
  }
  throw new ForbiddenError(`Only ${describeCallers(callers)} may do this`, {
    details: { callers: callers.join(',') },
  })
}

/**
 * Who may open which screen. The navbar and the route guard read the same rules, so a screen is
 * listed exactly when it can be opened.
 */
import type { SessionView, SetupStatus } from '../../../electron/node/identity/types.ts'

export interface AccessContext {
  /** undefined while the node has not said yet. */
  stage: SetupStatus['stage'] | undefined
  /** null: nobody is signed in; undefined: not known yet. */
  session: SessionView | null | undefined
}

export type Audience =
  /** IT staff too, signed in or not (node status, settings). */
  | 'everyone'
  /** Only while this node has no network yet (the setup wizard). */
  | 'new-network'
  /** A network exists, signed in or not (the account tools). */
  | 'ready'
  /** A network exists and nobody is signed in (the sign-in screen). */
  | 'signed-out'
  /** Signed-in sessions the check accepts. */
  | ((session: SessionView) => boolean)

/** Whether the audience includes the current user; undefined while that is not known yet. */
export function admits(audience: Audience, { stage, session }: AccessContext): boolean | undefined {
  if (audience === 'everyone') return true
  if (stage === undefined) return undefined
  if (audience === 'new-network') return stage === 'new-network'
  if (stage !== 'ready') return false
  if (audience === 'ready') return true
  if (session === undefined) return undefined
  if (audience === 'signed-out') return session === null
  return session !== null && audience(session)
}

export function isActiveStaff(session: SessionView): boolean {
  return session.member.kind === 'staff' && session.member.status === 'active'
}

export function isActiveAdmin(session: SessionView): boolean {
  return isActiveStaff(session) && session.member.role === 'administrator'
}

/**
 * The patient a signed-in account speaks for: itself, or, for a key re-issued at a desk, the
 * patient whose address their records stay under.
 */
export function ownPatientAddress(session: SessionView): string {
  return session.member.patient ?? session.address
}

/**
 * Who reads the audit trail (the node's permission table says the same): administrators,
 * auditors, and a patient, who sees their own entries.
 */
export function mayReadAuditTrail(session: SessionView): boolean {
  const role = isActiveStaff(session) ? session.member.role : null
  return role === 'administrator' || role === 'auditor' || isPatient(session)
}

/** A registered patient, signed in with their own key. */
export function isPatient(session: SessionView): boolean {
  return session.member.kind === 'patient'
}

/** Accounts that could still become staff: not registered yet, pending or suspended staff. */
export function mayRegisterAsStaff(session: SessionView): boolean {
  return !isActiveStaff(session) && !isPatient(session)
}

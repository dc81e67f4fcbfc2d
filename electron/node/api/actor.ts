/**
 * The caller of an api method: the account signed in on this node, if any, and what the
 * registry says it is. The dispatcher resolves it once per call, before the permission check,
 * and hands the same actor to the handler.
 */
import { memberView } from '../identity/members.ts'
import type { MemberView } from '../identity/types.ts'
import type { HospitalNode } from '../node.ts'
import type { CallerKind } from './permissions.ts'

export interface Actor {
  /** The signed-in account, lowercase; null when nobody is signed in. */
  readonly address: string | null
  /** The registry's view of the account; null when signed out. Asked for once, then kept. */
  member(): Promise<MemberView | null>
  /** Every kind of caller the actor counts as (an administrator is also staff). */
  kinds(): Promise<ReadonlySet<CallerKind>>
}

/** The kinds a signed-in account with this registry standing counts as. */
export function callerKindsOf(member: MemberView): Set<CallerKind> {
  const kinds = new Set<CallerKind>(['anyone', 'signedIn'])
  if (member.isGovernor) kinds.add('governor')
  if (member.status !== 'active') return kinds
  if (member.kind === 'patient') kinds.add('patient')
  if (member.kind === 'staff') {
    kinds.add('staff')
    // A plain string: the auditor role arrives with the registry's next version.
    const role: string | null = member.role
    if (role === 'administrator') kinds.add('admin')
    if (role === 'auditor') kinds.add('auditor')
  }
  return kinds
}

const signedOutKinds: ReadonlySet<CallerKind> = new Set(['anyone'])

/**
 * The actor of one call. The registry is asked lazily: methods open to anyone never wait on
 * the chain, and a call that needs the standing asks for it at most once.
 */
export function resolveActor(node: HospitalNode): Actor {
  const address = node.vault.session()?.address.toLowerCase() ?? null
  let member: Promise<MemberView> | undefined
  const lookUp = () => (member ??= memberView(node, address!))
  return {
    address,
    member: async () => (address === null ? null : lookUp()),
    kinds: async () => (address === null ? signedOutKinds : callerKindsOf(await lookUp())),
  }
}

/**
 * Which staff roles may break the glass, per institution. The registry holds the rule
 * (`setEmergencyRoles`, a mask with bit i for role code i; physicians and nurses until an
 * administrator sets one) and refuses anyone else; the node reads it from the indexed
 * EmergencyRolesSet events to show the button only to those who may press it.
 */
import { NotPermittedError, RoleCannotDeclareEmergencyError } from '../errors.ts'
import { memberView, roleCode, roleName } from '../identity/members.ts'
import { callRegistry, receiptView, sessionSigner } from '../identity/registry-calls.ts'
import { staffRoles, type StaffRoleName } from '../identity/schemas.ts'
import type { MemberView, TxReceiptView } from '../identity/types.ts'
import type { HospitalNode } from '../node.ts'

/** The registry's rule for an institution that never set one. */
export const defaultEmergencyRoles: readonly StaffRoleName[] = ['physician', 'nurse']

/** The registry's mask for `roles`: bit i set for role code i. */
export function roleMaskOf(roles: readonly StaffRoleName[]): number {
  return roles.reduce((mask, role) => mask | (1 << roleCode(role)), 0)
}

/** The roles in a registry mask, in the registry's order. */
export function rolesOfMask(mask: number): StaffRoleName[] {
  return staffRoles
    .map((_, index) => index + 1)
    .flatMap((code) => (mask & (1 << code) ? [roleName(code)] : []))
}

/** The roles that may declare an emergency at `institution`, from its newest EmergencyRolesSet. */
export function emergencyRolesOf(node: HospitalNode, institution: number): StaffRoleName[] {
  const set = node.chain.indexer
    .events('EmergencyRolesSet')
    .findLast((event) => Number(event.args.institution) === institution)
  return set ? rolesOfMask(Number(set.args.roleMask)) : [...defaultEmergencyRoles]
}

/** Whether `member` may declare an emergency now: active staff in a role their institution allows. */
export function mayDeclareEmergency(node: HospitalNode, member: MemberView): boolean {
  return (
    member.kind === 'staff' &&
    member.status === 'active' &&
    member.institution !== null &&
    member.role !== null &&
    emergencyRolesOf(node, member.institution).includes(member.role)
  )
}

/** Throws the registry's refusal before a transaction is built, so the UI gets it at once. */
export function checkMayDeclareEmergency(node: HospitalNode, member: MemberView): void {
  if (member.kind === 'staff' && member.status === 'active' && !mayDeclareEmergency(node, member)) {
    throw new RoleCannotDeclareEmergencyError(
      `Staff in the role ${member.role} may not declare an emergency at institution ${member.institution}`,
    )
  }
}

/** The signed-in administrator sets which roles of their own institution may declare. */
export async function setEmergencyRoles(
  node: HospitalNode,
  input: { roles: readonly StaffRoleName[] },
): Promise<{ institution: number; roles: StaffRoleName[]; receipt: TxReceiptView }> {
  const institution = await adminInstitution(node)
  const sent = await callRegistry(node, sessionSigner(node), 'setEmergencyRoles', [
    institution,
    roleMaskOf(input.roles),
  ])
  return {
    institution,
    roles: emergencyRolesOf(node, institution),
    receipt: receiptView(node, sent, 'emergency roles set'),
  }
}

/** The institution the signed-in account administers; the registry re-checks it. */
export async function adminInstitution(node: HospitalNode): Promise<number> {
  const member = await memberView(node, node.vault.requireSession().address)
  if (
    member.role !== 'administrator' ||
    member.status !== 'active' ||
    member.institution === null
  ) {
    throw new NotPermittedError(
      "Only an active administrator changes their institution's emergency rules",
    )
  }
  return member.institution
}

import { MemberKind, MemberStatus, StaffRole } from '../chain/registry-artifact.ts'
import type { HospitalNode } from '../node.ts'
import { staffRoles, type StaffRoleName } from './schemas.ts'
import type { MemberStatusName, MemberView } from './types.ts'

const kindNames = {
  [MemberKind.None]: 'none',
  [MemberKind.Staff]: 'staff',
  [MemberKind.Patient]: 'patient',
} as const
const statusNames: Record<number, MemberStatusName> = {
  [MemberStatus.None]: 'none',
  [MemberStatus.Pending]: 'pending',
  [MemberStatus.Active]: 'active',
  [MemberStatus.Suspended]: 'suspended',
}

/** The contract's role code for a role name (Physician = 1 … Administrator = 5). */
export function roleCode(role: StaffRoleName): number {
  return StaffRole[(role.charAt(0).toUpperCase() + role.slice(1)) as keyof typeof StaffRole]
}

export function roleName(code: number): StaffRoleName {
  const name = staffRoles[code - 1]
  if (!name) throw new RangeError(`unknown staff role ${code}`)
  return name
}

export function statusName(code: number): MemberStatusName {
  return statusNames[code] ?? 'none'
}

/** What the registry says about an account right now. */
export async function memberView(node: HospitalNode, address: string): Promise<MemberView> {
  const registry = node.chain.registry
  const [member, governor] = await Promise.all([
    registry.getFunction('memberOf')(address),
    registry.getFunction('governor')() as Promise<string>,
  ])
  const kind = kindNames[Number(member.kind) as keyof typeof kindNames] ?? 'none'
  return {
    kind,
    status: statusName(Number(member.status)),
    role: kind === 'staff' ? roleName(Number(member.role)) : null,
    institution: kind === 'staff' ? Number(member.institution) : null,
    isGovernor: governor.toLowerCase() === address.toLowerCase(),
  }
}

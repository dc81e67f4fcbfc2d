import { ZeroAddress } from 'ethers'
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

/** The contract's role code for a role name (Physician = 1 … Auditor = 6). */
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
  const isGovernor = governor.toLowerCase() === address.toLowerCase()
  const status = statusName(Number(member.status))
  if (Number(member.kind) === MemberKind.PatientKey) {
    // A key re-issued to a patient acts as that patient; a replaced one is suspended.
    const patient = (await registry.getFunction('patientOf')(address)) as string
    const speaksFor = patient === ZeroAddress ? {} : { patient }
    return { kind: 'patient', status, role: null, institution: null, isGovernor, ...speaksFor }
  }
  const kind = kindNames[Number(member.kind) as keyof typeof kindNames] ?? 'none'
  return {
    kind,
    status,
    role: kind === 'staff' ? roleName(Number(member.role)) : null,
    institution: kind === 'staff' ? Number(member.institution) : null,
    isGovernor,
  }
}

import type { ParseKeys } from 'i18next'
import { staffRoles, type StaffRoleName } from '../../../electron/node/identity/schemas.ts'
import type { MemberStatusName } from '../../../electron/node/identity/types.ts'

export const roleKeys: Record<StaffRoleName, ParseKeys> = {
  physician: 'roles.physician',
  nurse: 'roles.nurse',
  technician: 'roles.technician',
  pharmacist: 'roles.pharmacist',
  administrator: 'roles.administrator',
  auditor: 'roles.auditor',
}

export const memberStatusKeys: Record<MemberStatusName, ParseKeys> = {
  none: 'memberStatus.none',
  pending: 'memberStatus.pending',
  active: 'memberStatus.active',
  suspended: 'memberStatus.suspended',
}

export const memberStatusColors: Record<MemberStatusName, string> = {
  none: 'gray',
  pending: 'yellow',
  active: 'green',
  suspended: 'red',
}

export { staffRoles }
export type { StaffRoleName }

import type { ParseKeys } from 'i18next'
import {
  suspensionReasons,
  type SuspensionReason,
} from '../../../../electron/node/identity/schemas.ts'

/** The words for each suspension reason code, in the suspend dialog and the audit trail. */
export const suspensionReasonKeys: Record<SuspensionReason, ParseKeys> = {
  'left-institution': 'staff.suspendReasons.leftInstitution',
  'licence-lapsed': 'staff.suspendReasons.licenceLapsed',
  'under-investigation': 'staff.suspendReasons.underInvestigation',
  'extended-leave': 'staff.suspendReasons.extendedLeave',
  'security-concern': 'staff.suspendReasons.securityConcern',
  other: 'staff.suspendReasons.other',
}

export { suspensionReasons, type SuspensionReason }

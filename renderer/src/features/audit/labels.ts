import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import {
  auditActions,
  type AuditAction,
  type EmergencyReason,
  type ReadPurpose,
} from '../../../../electron/node/access/schemas.ts'
import type { AuditEntry } from '../../../../electron/node/access/types.ts'

export const actionKeys: Record<AuditAction, ParseKeys> = {
  'institution-added': 'audit.actions.institutionAdded',
  'governance-transferred': 'audit.actions.governanceTransferred',
  'staff-registered': 'audit.actions.staffRegistered',
  'staff-approved': 'audit.actions.staffApproved',
  'staff-rejected': 'audit.actions.staffRejected',
  'staff-suspended': 'audit.actions.staffSuspended',
  'staff-reinstated': 'audit.actions.staffReinstated',
  'patient-registered': 'audit.actions.patientRegistered',
  'record-uploaded': 'audit.actions.recordUploaded',
  'record-versioned': 'audit.actions.recordVersioned',
  'record-restricted': 'audit.actions.recordRestricted',
  'record-unrestricted': 'audit.actions.recordUnrestricted',
  'access-requested': 'audit.actions.accessRequested',
  'access-granted': 'audit.actions.accessGranted',
  'access-revoked': 'audit.actions.accessRevoked',
  'emergency-declared': 'audit.actions.emergencyDeclared',
  'emergency-keys-released': 'audit.actions.emergencyKeysReleased',
  'audit-anchored': 'audit.actions.auditAnchored',
  'record-read': 'audit.actions.recordRead',
  'read-denied': 'audit.actions.readDenied',
}

/**
 * One colour per kind of action, so the eye finds what needs attention: emergencies red, refused
 * reads orange. The badge always says the action in words too.
 */
export const actionColors: Record<AuditAction, string> = {
  'institution-added': 'indigo',
  'governance-transferred': 'indigo',
  'staff-registered': 'gray',
  'staff-approved': 'gray',
  'staff-rejected': 'gray',
  'staff-suspended': 'gray',
  'staff-reinstated': 'gray',
  'patient-registered': 'gray',
  'record-uploaded': 'teal',
  'record-versioned': 'teal',
  'record-restricted': 'yellow',
  'record-unrestricted': 'yellow',
  'access-requested': 'violet',
  'access-granted': 'violet',
  'access-revoked': 'violet',
  'emergency-declared': 'red',
  'emergency-keys-released': 'red',
  'audit-anchored': 'cyan',
  'record-read': 'blue',
  'read-denied': 'orange',
}

export { auditActions }

const purposeKeys: Record<ReadPurpose | EmergencyReason, ParseKeys> = {
  treatment: 'audit.purposes.treatment',
  referral: 'audit.purposes.referral',
  'second-opinion': 'audit.purposes.secondOpinion',
  'care-coordination': 'audit.purposes.careCoordination',
  insurance: 'audit.purposes.insurance',
  legal: 'audit.purposes.legal',
  emergency: 'audit.purposes.emergency',
  'patient-access': 'audit.purposes.patientAccess',
  'life-threatening': 'audit.purposes.lifeThreatening',
  'unconscious-patient': 'audit.purposes.unconsciousPatient',
  'urgent-treatment': 'audit.purposes.urgentTreatment',
  'patient-unable-to-consent': 'audit.purposes.patientUnableToConsent',
}

/** An entry's purpose in the display language; codes this version does not know as written. */
export function usePurposeText() {
  const { t } = useTranslation()
  return (purpose: NonNullable<AuditEntry['purpose']>): string => {
    const key = (purposeKeys as Partial<Record<string, ParseKeys>>)[purpose]
    return key ? t(key) : purpose
  }
}

import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import { emergencyReasons, type EmergencyReason } from '../../../../electron/node/access/schemas.ts'

export const reasonKeys: Record<EmergencyReason, ParseKeys> = {
  'life-threatening': 'emergency.reasons.lifeThreatening',
  'unconscious-patient': 'emergency.reasons.unconsciousPatient',
  'urgent-treatment': 'emergency.reasons.urgentTreatment',
  'patient-unable-to-consent': 'emergency.reasons.unableToConsent',
}

/** A reason in the display language; a code this version does not know, as the chain holds it. */
export function useReasonText() {
  const { t } = useTranslation()
  return (reason: string): string =>
    reason in reasonKeys
      ? t(reasonKeys[reason as EmergencyReason])
      : t('emergency.reasons.unknown', { code: reason.replace('unknown-', '') })
}

export { emergencyReasons, type EmergencyReason }

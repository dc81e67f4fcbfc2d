import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'
import { accessPurposes, type AccessPurpose } from '../../../../electron/node/access/schemas.ts'

export const purposeKeys: Record<AccessPurpose, ParseKeys> = {
  treatment: 'access.purposes.treatment',
  referral: 'access.purposes.referral',
  'second-opinion': 'access.purposes.secondOpinion',
  'care-coordination': 'access.purposes.careCoordination',
  insurance: 'access.purposes.insurance',
  legal: 'access.purposes.legal',
}

/** A purpose in the display language; a code this version does not know, as the chain holds it. */
export function usePurposeText() {
  const { t } = useTranslation()
  return (purpose: string): string =>
    purpose in purposeKeys
      ? t(purposeKeys[purpose as AccessPurpose])
      : t('access.purposes.unknown', { code: purpose.replace('unknown-', '') })
}

export { accessPurposes, type AccessPurpose }

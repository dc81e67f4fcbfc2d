import type { ParseKeys } from 'i18next'
import { useTranslation } from 'react-i18next'

// The node describes what a transaction did in a few fixed words; the UI says them in the
// user's language, and shows anything new as the node wrote it.
const resultKeys: Partial<Record<string, ParseKeys>> = {
  'pending approval': 'receipt.results.pendingApproval',
  approved: 'receipt.results.approved',
  rejected: 'receipt.results.rejected',
  suspended: 'receipt.results.suspended',
  reinstated: 'receipt.results.reinstated',
  registered: 'receipt.results.registered',
  'governance handed over': 'receipt.results.governanceHandedOver',
  'institution added': 'receipt.results.institutionAdded',
  'record anchored': 'receipt.results.recordAnchored',
  'version anchored': 'receipt.results.versionAnchored',
  requested: 'access.results.requested',
  granted: 'access.results.granted',
  revoked: 'access.results.revoked',
  restricted: 'access.results.restricted',
  unrestricted: 'access.results.unrestricted',
  'emergency declared': 'emergency.results.declared',
  'keys released': 'emergency.results.keysReleased',
  anchored: 'audit.results.anchored',
}

/** A receipt's result in the display language. */
export function useReceiptResult() {
  const { t } = useTranslation()
  return (result: string): string => {
    const key = resultKeys[result]
    return key ? t(key) : result
  }
}

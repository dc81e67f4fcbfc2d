import type { ParseKeys } from 'i18next'
import { recordCategories } from '../../../../electron/node/records/schemas.ts'

export type RecordCategory = (typeof recordCategories)[number]

export const categoryKeys: Record<RecordCategory, ParseKeys> = {
  imaging: 'records.categories.imaging',
  laboratory: 'records.categories.laboratory',
  'clinical-note': 'records.categories.clinicalNote',
  prescription: 'records.categories.prescription',
  'discharge-summary': 'records.categories.dischargeSummary',
  referral: 'records.categories.referral',
  other: 'records.categories.other',
}

export function isRecordCategory(value: string): value is RecordCategory {
  return (recordCategories as readonly string[]).includes(value)
}

export { recordCategories }

import type { RecordView } from '../../../../../electron/node/records/types.ts'

export interface RecordFilter {
  /** A category, or '' for all. */
  category: string
  /** Dates of care, YYYY-MM-DD, or '' for open-ended. */
  from: string
  to: string
}

export const noFilter: RecordFilter = { category: '', from: '', to: '' }

export function isFiltering({ category, from, to }: RecordFilter): boolean {
  return category !== '' || from !== '' || to !== ''
}

/**
 * The records whose latest version matches. A version this node never opened has no known
 * category or date, so any filter leaves it out; the count of those is returned to say so.
 */
export function filterRecords(
  records: readonly RecordView[],
  filter: RecordFilter,
): { shown: RecordView[]; unknownHidden: number } {
  if (!isFiltering(filter)) return { shown: [...records], unknownHidden: 0 }
  const shown: RecordView[] = []
  let unknownHidden = 0
  for (const record of records) {
    const details = record.versions[0]?.details
    if (!details) {
      unknownHidden += 1
      continue
    }
    if (filter.category && details.category !== filter.category) continue
    // ISO dates compare as text.
    if (filter.from && details.dateOfCare < filter.from) continue
    if (filter.to && details.dateOfCare > filter.to) continue
    shown.push(record)
  }
  return { shown, unknownHidden }
}

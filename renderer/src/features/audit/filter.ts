import type { AuditAction, AuditFilter } from '../../../../electron/node/access/schemas.ts'

/** The filter as the form holds it: '' for "any". */
export interface AuditFilterValues {
  patient: string
  actor: string
  action: AuditAction | ''
  /** YYYY-MM-DD, inclusive. */
  from: string
  to: string
}

export const noFilter: AuditFilterValues = { patient: '', actor: '', action: '', from: '', to: '' }

export function isFiltering(values: AuditFilterValues): boolean {
  return Object.values(values).some((value) => value !== '')
}

/**
 * The person a picker filters by after its text changed. Emptying the text clears the choice:
 * the field then shows nothing, so nothing may stay applied. Other text only searches; the
 * choice changes when an option is picked.
 */
export function choiceAfterTyping(chosen: string, text: string): string {
  return text.trim() === '' ? '' : chosen
}

/** What the api takes: only the fields that narrow. */
export function toAuditFilter(values: AuditFilterValues): AuditFilter {
  const filter: AuditFilter = {}
  if (values.patient) filter.patient = values.patient
  if (values.actor) filter.actor = values.actor
  if (values.action) filter.action = values.action
  if (values.from) filter.from = values.from
  if (values.to) filter.to = values.to
  return filter
}

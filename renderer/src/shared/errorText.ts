import type { ParseKeys, TFunction } from 'i18next'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatters, type Formatters } from '../i18n/format.ts'
import type { ApiErrorInfo } from './errors.ts'
import { roleKeys, staffRoles, type StaffRoleName } from './roles.ts'

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

function isStaffRoleName(value: string): value is StaffRoleName {
  return (staffRoles as readonly string[]).includes(value)
}

/** The error's details as the sentence shows them: times and roles in the display language. */
function shownDetails(
  details: ApiErrorInfo['details'],
  t: TFunction,
  format: Formatters,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(details ?? {}).map(([key, value]) => {
      if (typeof value === 'string' && isoDateTime.test(value)) return [key, format.dateTime(value)]
      if (key === 'role' && typeof value === 'string' && isStaffRoleName(value))
        return [key, t(roleKeys[value])]
      return [key, value]
    }),
  )
}

/**
 * The node's error in the display language, chosen by its code (`errors.codes.*`) with its
 * details filled in. The node's own English message stands in only for a code this version of
 * the UI does not know, or when the details a sentence needs did not come along.
 */
export function translateError(
  info: ApiErrorInfo,
  t: TFunction,
  exists: (key: string) => boolean,
  format: Formatters,
): string {
  const key = `errors.codes.${info.code}`
  if (!exists(key)) return info.message
  const text = t(key as ParseKeys, shownDetails(info.details, t, format))
  return text.includes('{{') ? info.message : text
}

/** `translateError` for the current display language. */
export function useErrorText(): (info: ApiErrorInfo) => string {
  const { t, i18n } = useTranslation()
  const format = useFormatters()
  return useCallback(
    (info: ApiErrorInfo) => translateError(info, t, (key) => i18n.exists(key), format),
    [t, i18n, format],
  )
}

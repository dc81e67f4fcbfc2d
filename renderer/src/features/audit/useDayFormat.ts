import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

/** The calendar day of a time in the display language ("Nov 26, 2026", "2026年11月26日"). */
export function useDayFormat(): (value: string) => string {
  const { i18n } = useTranslation()
  const locale = i18n.resolvedLanguage ?? 'en'
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
    return (value) => day.format(new Date(value))
  }, [locale])
}

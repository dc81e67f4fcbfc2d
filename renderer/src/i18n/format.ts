import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

// ECMA-402 sanctioned units are decimal (1 kilobyte = 1000 bytes), so the steps are too.
const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const

/** A byte count in the largest unit that keeps the number at 1 or more, e.g. "12.3 MB". */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes
  let step = 0
  while (Math.abs(value) >= 1000 && step < byteUnits.length - 1) {
    value /= 1000
    step += 1
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: byteUnits[step] ?? 'byte',
    // Short "byte" reads as a typo ("999 byte"); spelled out it gets its plural ("999 bytes").
    unitDisplay: step === 0 ? 'long' : 'short',
    maximumFractionDigits: step === 0 ? 0 : 1,
  }).format(value)
}

export interface Formatters {
  number(value: number): string
  bytes(value: number): string
  dateTime(value: string | number | Date): string
  /** A calendar date kept as YYYY-MM-DD (births, dates of care): "Nov 20, 2026", "2026年11月20日". */
  date(value: string): string
  time(value: string | number | Date): string
  /** Numbers as a list in the language's own style: "2, 5, and 7", "2、5和7". */
  numberList(values: readonly number[]): string
}

export function createFormatters(locale: string): Formatters {
  const number = new Intl.NumberFormat(locale)
  // 24-hour clock whatever the language: in a hospital an hour must never be AM/PM-ambiguous.
  const clock = { hourCycle: 'h23' } as const
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...clock,
  })
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'medium', ...clock })
  // A calendar date has no time zone: read and shown as UTC, it is the same day everywhere.
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
  const list = new Intl.ListFormat(locale, { type: 'conjunction' })
  return {
    number: (value) => number.format(value),
    bytes: (value) => formatBytes(value, locale),
    dateTime: (value) => dateTime.format(new Date(value)),
    time: (value) => time.format(new Date(value)),
    date: (value) =>
      /^\d{4}-\d{2}-\d{2}$/.test(value) ? date.format(new Date(`${value}T00:00:00Z`)) : value,
    numberList: (values) => list.format(values.map((value) => number.format(value))),
  }
}

/** Formatters for the current display language; re-created only when the language changes. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation()
  const locale = i18n.resolvedLanguage ?? 'en'
  return useMemo(() => createFormatters(locale), [locale])
}

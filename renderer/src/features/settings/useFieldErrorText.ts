import { useTranslation } from 'react-i18next'
import { useFormatters } from '../../i18n/format.ts'
import type { FieldError } from './form.ts'

/** Turns a form model error into the message shown under its input, in the current language. */
export function useFieldErrorText() {
  const { t } = useTranslation()
  const format = useFormatters()
  return (error: FieldError | undefined): string | undefined =>
    error &&
    t(error.messageKey, {
      lines: format.numberList(error.lines ?? []),
      count: error.lines?.length ?? 1,
    })
}

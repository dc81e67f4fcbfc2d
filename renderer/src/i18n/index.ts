/**
 * i18next with both languages bundled: the sandboxed renderer cannot fetch resource files, and
 * bundling lets the first render already be translated.
 */
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Settings } from '../../../electron/node/settings/schema.ts'
import type { ErrorCode } from '../shared/errors.ts'
import en from './en.json' with { type: 'json' }
import zhTWResource from './zh-TW.json' with { type: 'json' }

export type Language = Settings['language']

// Typed against English so a key missing from the Chinese file fails the type-check.
const zhTW: typeof en = zhTWResource

/**
 * The sentence of each code the node can send: a code added to the node's error table fails the
 * type-check until the English file, and so (typed as it) the Chinese one, translates it.
 */
export const errorSentences: Readonly<Record<ErrorCode, string>> = en.errors.codes

export const resources = {
  en: { translation: en },
  'zh-TW': { translation: zhTW },
} as const

/** Each language is named in itself, so a user can find theirs whatever is displayed now. */
export const languageOptions: readonly { value: Language; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'zh-TW', label: '繁體中文' },
]

export function isLanguage(value: string | undefined): value is Language {
  return languageOptions.some((option) => option.value === value)
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
  }
}

i18n.on('languageChanged', (language) => {
  // Screen readers and the browser's font and hyphenation choices follow the page language.
  document.documentElement.lang = language
})

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: languageOptions.map((option) => option.value),
  // React escapes what it renders; escaping here too would show entities.
  interpolation: { escapeValue: false },
  initAsync: false,
})

export { i18n }

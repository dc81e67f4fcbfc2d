import { Center, Loader } from '@mantine/core'
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { i18n } from '../../i18n/index.ts'
import { useSettings } from './queries.ts'

/**
 * Applies the language saved in the node's settings, and holds the first render until it is
 * applied so a Chinese-speaking user never sees the app flash in English at start.
 */
export function SavedLanguage({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const settings = useSettings()
  const language = settings.data?.language
  const [applied, setApplied] = useState(false)

  useEffect(() => {
    // Settings that cannot be read (the node is down) must not keep the app from showing.
    if (settings.isPending) return
    void i18n.changeLanguage(language ?? i18n.language).then(() => setApplied(true))
  }, [language, settings.isPending])

  if (!applied) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    )
  }
  return children
}

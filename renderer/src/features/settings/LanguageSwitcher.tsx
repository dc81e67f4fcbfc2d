import { Affix, SegmentedControl } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { isLanguage, languageOptions } from '../../i18n/index.ts'
import { ErrorAlert } from '../../shared/ErrorAlert.tsx'
import { useUpdateSettings } from './queries.ts'

/**
 * Saves the display language in the node's settings; SavedLanguage then applies it, so the
 * choice survives a restart and every switcher on screen agrees.
 */
export function LanguageSwitcher({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' }) {
  const { t, i18n } = useTranslation()
  const update = useUpdateSettings()
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en'
  // Show the choice at once while it is being saved.
  const shown = (update.isPending && update.variables.language) || current

  return (
    <>
      <SegmentedControl
        aria-label={t('language.label')}
        data={[...languageOptions]}
        value={shown}
        onChange={(language) => update.mutate({ language })}
        size={size}
        data-testid="language-switcher"
      />
      {update.isError && (
        <Affix position={{ bottom: 20, right: 20 }} maw={420}>
          <ErrorAlert
            error={update.error}
            title={t('language.saveFailed')}
            onClose={() => update.reset()}
          />
        </Affix>
      )}
    </>
  )
}

import { NativeSelect } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../shared/errorText.ts'
import { toDisplayError } from '../../shared/errors.ts'
import type { InputBinding } from '../../shared/useSchemaForm.ts'
import { useInstitutions } from './queries.ts'

/** One of the network's institutions; the registry knows them by number. */
export function InstitutionSelect({ error, ...props }: InputBinding) {
  const { t } = useTranslation()
  const institutions = useInstitutions()
  const errorText = useErrorText()
  const loadError = institutions.isError ? toDisplayError(institutions.error) : undefined
  const data = [
    {
      value: '',
      label: institutions.isPending ? t('app.loading') : t('staff.chooseInstitution'),
      disabled: true,
    },
    ...(institutions.data ?? []).map((institution) => ({
      value: String(institution.id),
      label: institution.name,
    })),
  ]
  return (
    <NativeSelect
      label={t('fields.institution')}
      data={data}
      required
      disabled={institutions.isPending}
      error={
        error ??
        (loadError &&
          (loadError.kind === 'api'
            ? `${errorText(loadError)} (${loadError.code})`
            : t('errors.unreachable')))
      }
      {...props}
    />
  )
}

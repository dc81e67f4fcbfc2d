import { Button, Group, NativeSelect, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ActorFilter } from './ActorFilter.tsx'
import { isFiltering, noFilter, type AuditFilterValues } from './filter.ts'
import { actionKeys, auditActions } from './labels.ts'
import { PatientFilter } from './PatientFilter.tsx'

function isAction(value: string): value is AuditFilterValues['action'] {
  return value === '' || (auditActions as readonly string[]).includes(value)
}

interface AuditFiltersProps {
  value: AuditFilterValues
  onChange: (filter: AuditFilterValues) => void
  withPatient: boolean
}

/** Narrows the timeline by patient, by who acted, by action and by date. */
export function AuditFilters({ value, onChange, withPatient }: AuditFiltersProps) {
  const { t } = useTranslation()
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch })
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="group" aria-label={t('audit.filter.label')}>
      {withPatient && (
        <PatientFilter value={value.patient} onChange={(patient) => set({ patient })} />
      )}
      <ActorFilter value={value.actor} onChange={(actor) => set({ actor })} />
      <NativeSelect
        label={t('audit.filter.action')}
        value={value.action}
        onChange={(event) => {
          const action = event.currentTarget.value
          if (isAction(action)) set({ action })
        }}
        data={[
          { value: '', label: t('audit.filter.allActions') },
          ...auditActions.map((action) => ({ value: action, label: t(actionKeys[action]) })),
        ]}
        w={190}
      />
      <TextInput
        type="date"
        label={t('audit.filter.from')}
        value={value.from}
        max={value.to || undefined}
        onChange={(event) => set({ from: event.currentTarget.value })}
        w={150}
      />
      <TextInput
        type="date"
        label={t('audit.filter.to')}
        value={value.to}
        min={value.from || undefined}
        onChange={(event) => set({ to: event.currentTarget.value })}
        w={150}
      />
      {isFiltering(value) && (
        <Button variant="subtle" onClick={() => onChange(noFilter)}>
          {t('audit.filter.clear')}
        </Button>
      )}
    </Group>
  )
}

import { Button, Group, NativeSelect, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { categoryKeys, recordCategories } from '../categories.ts'
import { isFiltering, noFilter, type RecordFilter } from './filter.ts'

interface RecordFiltersProps {
  value: RecordFilter
  onChange: (filter: RecordFilter) => void
}

/** Narrows the chart by category and by date of care. */
export function RecordFilters({ value, onChange }: RecordFiltersProps) {
  const { t } = useTranslation()
  const set = (patch: Partial<RecordFilter>) => onChange({ ...value, ...patch })
  return (
    <Group
      align="flex-end"
      gap="sm"
      wrap="wrap"
      role="group"
      aria-label={t('records.filter.label')}
    >
      <NativeSelect
        label={t('records.filter.category')}
        value={value.category}
        onChange={(event) => set({ category: event.currentTarget.value })}
        data={[
          { value: '', label: t('records.filter.allCategories') },
          ...recordCategories.map((category) => ({
            value: category,
            label: t(categoryKeys[category]),
          })),
        ]}
        w={220}
      />
      <TextInput
        type="date"
        label={t('records.filter.from')}
        value={value.from}
        max={value.to || undefined}
        onChange={(event) => set({ from: event.currentTarget.value })}
        w={170}
      />
      <TextInput
        type="date"
        label={t('records.filter.to')}
        value={value.to}
        min={value.from || undefined}
        onChange={(event) => set({ to: event.currentTarget.value })}
        w={170}
      />
      {isFiltering(value) && (
        <Button variant="subtle" onClick={() => onChange(noFilter)}>
          {t('records.filter.clear')}
        </Button>
      )}
    </Group>
  )
}

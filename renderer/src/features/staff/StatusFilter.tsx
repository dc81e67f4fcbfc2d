import { SegmentedControl } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { memberStatusKeys } from '../../shared/roles.ts'
import type { StaffFilter } from './queries.ts'

export type StatusChoice = NonNullable<StaffFilter['status']> | 'all'

const choices: readonly StatusChoice[] = ['all', 'pending', 'active', 'suspended']

function isStatusChoice(value: string): value is StatusChoice {
  return (choices as readonly string[]).includes(value)
}

export function StatusFilter({
  value,
  onChange,
}: {
  value: StatusChoice
  onChange: (value: StatusChoice) => void
}) {
  const { t } = useTranslation()
  return (
    <SegmentedControl
      aria-label={t('staff.filterByStatus')}
      value={value}
      onChange={(next) => isStatusChoice(next) && onChange(next)}
      data={choices.map((choice) => ({
        value: choice,
        label: choice === 'all' ? t('staff.allStatuses') : t(memberStatusKeys[choice]),
      }))}
    />
  )
}

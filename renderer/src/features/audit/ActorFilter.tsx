import { useTranslation } from 'react-i18next'
import { roleKeys } from '../../shared/roles.ts'
import { useStaffList } from '../staff/queries.ts'
import { AddressSelect } from './AddressSelect.tsx'

/** Who acted: a staff member from the directory, or anyone (a patient, a relayer) by address. */
export function ActorFilter({
  value,
  onChange,
}: {
  value: string
  onChange: (address: string) => void
}) {
  const { t } = useTranslation()
  const staff = useStaffList()
  const options = (staff.data ?? []).map((row) => ({
    value: row.address,
    // A name is known only where the staff member registered; elsewhere the address stands in.
    label: `${row.name ?? row.address} · ${t(roleKeys[row.role])}`,
  }))
  return (
    <AddressSelect
      label={t('audit.filter.actor')}
      placeholder={t('audit.filter.actorPlaceholder')}
      options={options}
      value={value}
      onChange={onChange}
      testId="audit-filter-actor"
    />
  )
}

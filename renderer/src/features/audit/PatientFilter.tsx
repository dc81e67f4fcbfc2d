import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePatientSearch } from '../patients/queries.ts'
import { AddressSelect } from './AddressSelect.tsx'

/** The patient whose trail to show: found by name or record number, or typed as an address. */
export function PatientFilter({
  value,
  onChange,
}: {
  value: string
  onChange: (address: string) => void
}) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const [query] = useDebouncedValue(search.trim(), 300)
  const patients = usePatientSearch(query)
  const options = (patients.data ?? []).map((row) => ({
    value: row.address,
    label: `${row.name} · ${row.medicalRecordNumber}`,
  }))
  return (
    <AddressSelect
      label={t('audit.filter.patient')}
      placeholder={t('audit.filter.patientPlaceholder')}
      options={options}
      value={value}
      onChange={onChange}
      onSearchChange={setSearch}
      testId="audit-filter-patient"
    />
  )
}

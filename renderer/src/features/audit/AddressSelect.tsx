import { Select, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { addressSchema } from '../../../../electron/node/identity/schemas.ts'
import { choiceAfterTyping } from './filter.ts'

export interface AddressOption {
  /** The account's address. */
  value: string
  label: string
}

interface AddressSelectProps {
  label: string
  placeholder: string
  options: readonly AddressOption[]
  /** The chosen address, or '' for anyone. */
  value: string
  onChange: (address: string) => void
  /** The text typed, for lists the node searches (patients). */
  onSearchChange?: (search: string) => void
  testId?: string
}

/** Matches the typed text anywhere in an option's label or address. */
const matchLabelOrAddress: OptionsFilter = ({ options, search }) => {
  const wanted = search.trim().toLowerCase()
  const matches = (option: ComboboxParsedItem) =>
    'value' in option &&
    (option.label.toLowerCase().includes(wanted) || option.value.toLowerCase().includes(wanted))
  return options.filter(matches)
}

/** Options without the empty ones, each address once (addresses differ only in letter case). */
function distinct(options: readonly (AddressOption | undefined)[]): AddressOption[] {
  const seen = new Set<string>()
  return options.filter((option): option is AddressOption => {
    if (!option || seen.has(option.value.toLowerCase())) return false
    seen.add(option.value.toLowerCase())
    return true
  })
}

/** Someone chosen from a list by name, or anyone at all by their full address, typed or pasted. */
export function AddressSelect({
  label,
  placeholder,
  options,
  value,
  onChange,
  onSearchChange,
  testId,
}: AddressSelectProps) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  // The chosen option stays in the list while the list behind it changes (a new search).
  const [chosen, setChosen] = useState<AddressOption>()
  const typed = addressSchema.safeParse(search)
  const data = distinct([
    ...options,
    value && chosen?.value === value ? chosen : undefined,
    typed.success ? { value: typed.data, label: typed.data } : undefined,
  ])

  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={value || null}
      onChange={(address, option) => {
        setChosen(option ?? undefined)
        onChange(address ?? '')
      }}
      searchable
      clearable
      searchValue={search}
      onSearchChange={(text) => {
        setSearch(text)
        onSearchChange?.(text)
        if (choiceAfterTyping(value, text) !== value) onChange('')
      }}
      filter={matchLabelOrAddress}
      nothingFoundMessage={t('audit.filter.nobodyFound')}
      clearButtonProps={{ 'aria-label': t('audit.filter.clearField', { label }) }}
      comboboxProps={{ width: 360, position: 'bottom-start' }}
      w={200}
      data-testid={testId}
    />
  )
}

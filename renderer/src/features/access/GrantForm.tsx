import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { addressSchema } from '../../../../electron/node/identity/schemas.ts'
import type { StaffRow } from '../../../../electron/node/identity/types.ts'
import { shortAddress } from '../../shared/address.ts'
import { roleKeys } from '../../shared/roles.ts'
import { useStaffList } from '../staff/queries.ts'

const otherAccount = 'other'

interface GrantFormProps {
  /** The reader chosen; the dialog that follows asks for the last day and the consent. */
  onContinue: (reader: string, readerName: string) => void
}

/** Who the patient lets read their records: someone from the staff directory, or an address. */
export function GrantForm({ onContinue }: GrantFormProps) {
  const { t } = useTranslation()
  const staff = useStaffList({ status: 'active' })
  const [choice, setChoice] = useState('')
  const [typed, setTyped] = useState('')
  const [error, setError] = useState<string>()
  const nameOf = (row: StaffRow) => row.name ?? shortAddress(row.address)

  const options = [
    { value: '', label: t('access.grant.chooseReader'), disabled: true },
    ...(staff.data ?? []).map((row) => ({
      value: row.address,
      label: `${nameOf(row)} · ${t(roleKeys[row.role])} · ${row.institutionName}`,
    })),
    { value: otherAccount, label: t('access.grant.otherAccount') },
  ]

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    if (choice === otherAccount) {
      const parsed = addressSchema.safeParse(typed.trim())
      if (!parsed.success) return setError(t('forms.addressInvalid'))
      const known = staff.data?.find(
        (row) => row.address.toLowerCase() === parsed.data.toLowerCase(),
      )
      return onContinue(parsed.data, known ? nameOf(known) : shortAddress(parsed.data))
    }
    const row = staff.data?.find((candidate) => candidate.address === choice)
    if (!row) return setError(t('access.grant.readerRequired'))
    onContinue(row.address, nameOf(row))
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-label={t('access.grant.title')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('access.grant.description')}
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect
            label={t('access.grant.reader')}
            data={options}
            value={choice}
            onChange={(event) => {
              setChoice(event.currentTarget.value)
              setError(undefined)
            }}
            error={choice !== otherAccount ? error : undefined}
            disabled={staff.isPending}
            style={{ flex: 1, minWidth: 280 }}
          />
          {choice === otherAccount && (
            <TextInput
              label={t('fields.address')}
              placeholder="0x…"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => {
                setTyped(event.currentTarget.value)
                setError(undefined)
              }}
              error={error}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              style={{ flex: 1, minWidth: 320 }}
            />
          )}
          <Button type="submit">{t('access.grant.continue')}</Button>
        </Group>
      </Stack>
    </form>
  )
}

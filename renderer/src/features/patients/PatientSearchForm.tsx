import { Button, Group, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'

/** The search box for patients (name, medical record number or address) and its button. */
export function PatientSearchForm({
  title,
  label,
  description,
  submitLabel,
  busy,
  onSearch,
}: {
  title: string
  label: string
  description?: string
  submitLabel: string
  busy: boolean
  onSearch: (query: string) => void
}) {
  const [text, setText] = useState('')

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    onSearch(text.trim())
  }

  return (
    <form onSubmit={handleSubmit} role="search" aria-label={title}>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={label}
          description={description}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          style={{ flex: 1, maxWidth: 520 }}
          autoComplete="off"
          spellCheck={false}
        />
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </Group>
    </form>
  )
}

import { useMemo, useState } from 'react'
import type { Settings } from '../../../../electron/node/settings/schema.ts'
import {
  parseForm,
  toFormValues,
  type FieldErrors,
  type FormPatch,
  type SettingsFormValues,
} from './form.ts'

const noErrors: FieldErrors = {}

/**
 * Form state over the saved settings. Errors appear from the first save attempt on and then
 * follow each keystroke, so a user is not scolded while still typing the first time.
 */
export function useSettingsForm(saved: Settings) {
  const savedValues = useMemo(() => toFormValues(saved), [saved])
  const savedKey = JSON.stringify(savedValues)
  const [values, setValues] = useState(savedValues)
  const [adoptedKey, setAdoptedKey] = useState(savedKey)
  const [showErrors, setShowErrors] = useState(false)
  const [submitCount, setSubmitCount] = useState(0)

  // Adopt newly saved chain/IPFS values (after a save, normalized by the node). A change of
  // language alone leaves savedKey as it was, so it never wipes edits in progress.
  if (savedKey !== adoptedKey) {
    setAdoptedKey(savedKey)
    setValues(savedValues)
  }

  const parsed = useMemo(() => parseForm(values), [values])

  return {
    values,
    errors: showErrors && !parsed.ok ? parsed.errors : noErrors,
    dirty: JSON.stringify(values) !== savedKey,
    /** Increases at each save attempt, to move focus to the first invalid field. */
    submitCount,
    setField<K extends keyof SettingsFormValues>(name: K, value: SettingsFormValues[K]) {
      setValues((current) => ({ ...current, [name]: value }))
    },
    reset() {
      setValues(savedValues)
      setShowErrors(false)
    },
    /** The patch to save, or undefined (and the errors shown) when a field is invalid. */
    submit(): FormPatch | undefined {
      setSubmitCount((count) => count + 1)
      if (parsed.ok) return parsed.patch
      setShowErrors(true)
      return undefined
    },
  }
}

export type SettingsFormState = ReturnType<typeof useSettingsForm>

/**
 * Form state validated by the node's own zod schemas, so a form accepts exactly what the api
 * accepts. Only the messages are the UI's, one per field, so they can be translated.
 */
import type { ParseKeys } from 'i18next'
import { useEffect, useId, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'

type Values = Record<string, string>

export interface FieldRule {
  /** Parses the input's text; its output is what the form submits. */
  schema: z.ZodType<unknown, string>
  /** Shown under the input while its text does not parse. */
  messageKey: ParseKeys
}

export type FieldRules<V extends Values> = { [K in keyof V]: FieldRule }

export type ParsedValues<R extends FieldRules<Values>> = {
  [K in keyof R]: z.output<R[K]['schema']>
}

/** What a text input or native select needs from the form. */
export interface InputBinding {
  name: string
  value: string
  error: string | undefined
  onChange(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>): void
}

/** A form as seen by a group of fields that only needs some of its inputs. */
export interface FieldsOf<K extends string> {
  inputProps(name: K): InputBinding
}

type FieldMessages<V extends Values> = Partial<Record<keyof V, ParseKeys>>

interface SchemaFormOptions<V extends Values, R extends FieldRules<V>> {
  initialValues: V
  rules: R
  /** Checks across fields (a passphrase typed twice), run on every change. */
  check?: (values: V) => FieldMessages<V>
}

function validate<V extends Values>(
  values: V,
  rules: FieldRules<V>,
  check: ((values: V) => FieldMessages<V>) | undefined,
): { parsed: Partial<Record<keyof V, unknown>>; messages: FieldMessages<V> } {
  const parsed: Partial<Record<keyof V, unknown>> = {}
  const messages: FieldMessages<V> = {}
  for (const name of Object.keys(rules) as (keyof V)[]) {
    const rule = rules[name]
    const result = rule.schema.safeParse(values[name])
    if (result.success) parsed[name] = result.data
    else messages[name] = rule.messageKey
  }
  return { parsed, messages: { ...check?.(values), ...messages } }
}

/**
 * Errors appear from the first submit on and then follow each keystroke, so nobody is scolded
 * while still typing. A refused submit moves the focus to the first field to fix.
 */
export function useSchemaForm<V extends Values, R extends FieldRules<V>>({
  initialValues,
  rules,
  check,
}: SchemaFormOptions<V, R>) {
  const { t } = useTranslation()
  const [values, setValues] = useState(initialValues)
  const [showErrors, setShowErrors] = useState(false)
  // Refusals by the node (wrong passphrase, existing record number), until the field changes.
  const [nodeMessages, setNodeMessages] = useState<FieldMessages<V>>({})
  const [focusRequests, setFocusRequests] = useState(0)
  const formId = useId()

  useEffect(() => {
    if (focusRequests > 0) {
      document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
    }
  }, [focusRequests, formId])

  const { parsed, messages } = validate(values, rules, check)
  const shownMessages: FieldMessages<V> = { ...(showErrors ? messages : {}), ...nodeMessages }
  const errors = Object.fromEntries(
    Object.entries(shownMessages).map(([name, key]) => [name, t(key as ParseKeys)]),
  ) as Partial<Record<keyof V, string>>

  function setField<K extends keyof V>(name: K, value: V[K]) {
    setValues((current) => ({ ...current, [name]: value }))
    setNodeMessages((current) => {
      if (!(name in current)) return current
      const next = { ...current }
      delete next[name]
      return next
    })
  }

  return {
    values,
    errors,
    /** The form element's id: a refused submit focuses the first invalid field inside it. */
    formId,
    setField,
    /** value, onChange and error of a text input or native select. */
    inputProps<K extends keyof V & string>(name: K): InputBinding {
      return {
        name,
        value: values[name] ?? '',
        error: errors[name],
        onChange(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) {
          setField(name, event.currentTarget.value as V[K])
        },
      }
    },
    /** Marks a field the node refused, and takes the user there. */
    setNodeError(name: keyof V, messageKey: ParseKeys) {
      setNodeMessages((current) => ({ ...current, [name]: messageKey }))
      setFocusRequests((count) => count + 1)
    },
    /** The parsed values to send, or undefined (errors shown, focus moved) when a field is wrong. */
    submit(): ParsedValues<R> | undefined {
      setShowErrors(true)
      if (Object.keys(messages).length > 0 || Object.keys(nodeMessages).length > 0) {
        setFocusRequests((count) => count + 1)
        return undefined
      }
      return parsed as ParsedValues<R>
    },
    reset() {
      setValues(initialValues)
      setShowErrors(false)
      setNodeMessages({})
    },
  }
}

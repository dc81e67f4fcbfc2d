/**
 * Form field rules built from the node's own schemas (electron/node/identity/schemas.ts): a form
 * refuses exactly what the api would. Only the messages belong to the UI.
 */
import type { ParseKeys } from 'i18next'
import { z } from 'zod'
import {
  addressSchema,
  birthDateSchema,
  institutionIdSchema,
  labelSchema,
  licenceNumberSchema,
  medicalRecordNumberSchema,
  nationalIdSchema,
  passphraseSchema,
  personNameSchema,
  staffRoleSchema,
} from '../../../electron/node/identity/schemas.ts'
import type { FieldRule } from './useSchemaForm.ts'

export const fieldRules = {
  label: { schema: labelSchema, messageKey: 'forms.labelInvalid' },
  passphrase: { schema: passphraseSchema, messageKey: 'forms.passphraseTooShort' },
  /** Checked against the passphrase by `passphrasesMatch`; any text parses. */
  confirmPassphrase: { schema: z.string(), messageKey: 'forms.passphraseMismatch' },
  /** A passphrase to open something existing (a key file, a session): any non-empty text. */
  existingPassphrase: { schema: z.string().min(1), messageKey: 'forms.passphraseRequired' },
  name: { schema: personNameSchema, messageKey: 'forms.nameInvalid' },
  nationalId: { schema: nationalIdSchema, messageKey: 'forms.nationalIdInvalid' },
  licenceNumber: { schema: licenceNumberSchema, messageKey: 'forms.licenceNumberInvalid' },
  role: { schema: staffRoleSchema, messageKey: 'forms.roleRequired' },
  /** Select values are text; the api wants the institution's number. */
  institution: {
    schema: z.string().transform(Number).pipe(institutionIdSchema),
    messageKey: 'forms.institutionRequired',
  },
  address: { schema: addressSchema, messageKey: 'forms.addressInvalid' },
  medicalRecordNumber: {
    schema: medicalRecordNumberSchema,
    messageKey: 'forms.medicalRecordNumberInvalid',
  },
  birthDate: { schema: birthDateSchema, messageKey: 'forms.birthDateInvalid' },
} as const satisfies Record<string, FieldRule>

/** A cross-field check: each confirmation must repeat its passphrase. */
export function passphrasesMatch<V extends Record<string, string>>(
  pairs: readonly (readonly [passphrase: keyof V, confirmation: keyof V])[],
) {
  return (values: V): Partial<Record<keyof V, ParseKeys>> => {
    const messages: Partial<Record<keyof V, ParseKeys>> = {}
    for (const [passphrase, confirmation] of pairs) {
      if (values[passphrase] !== values[confirmation]) {
        messages[confirmation] = 'forms.passphraseMismatch'
      }
    }
    return messages
  }
}

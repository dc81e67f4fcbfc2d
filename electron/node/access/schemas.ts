/**
 * Inputs and codes of the access features: requests, grants, restrictions, emergencies and the
 * audit trail. Pure zod, shared by the api spec, the renderer and the CLI.
 */
import { z } from 'zod'
import { addressSchema } from '../identity/schemas.ts'
import { cidSchema, recordIdSchema } from '../records/schemas.ts'

/** Why staff ask for access; the chain stores the 1-based position as `purpose`. */
export const accessPurposes = [
  'treatment',
  'referral',
  'second-opinion',
  'care-coordination',
  'insurance',
  'legal',
] as const
export const accessPurposeSchema = z.enum(accessPurposes)
export type AccessPurpose = z.output<typeof accessPurposeSchema>

/** Why staff break the glass; the chain stores the 1-based position as `reasonCode` (0 is refused). */
export const emergencyReasons = [
  'life-threatening',
  'unconscious-patient',
  'urgent-treatment',
  'patient-unable-to-consent',
] as const
export const emergencyReasonSchema = z.enum(emergencyReasons)
export type EmergencyReason = z.output<typeof emergencyReasonSchema>

/** Why a record was read, for the read log. */
export const readPurposes = [...accessPurposes, 'emergency', 'patient-access'] as const
export const readPurposeSchema = z.enum(readPurposes)
export type ReadPurpose = z.output<typeof readPurposeSchema>

/** The code stored on chain for a name of `list` (its 1-based position). */
export function codeOf<T extends string>(list: readonly T[], name: T): number {
  return list.indexOf(name) + 1
}

/** The name of a code stored on chain; `unknown-N` for codes this version does not know. */
export function nameOf<T extends string>(
  list: readonly T[],
  code: number,
): T | `unknown-${number}` {
  return list[code - 1] ?? `unknown-${code}`
}

/** Why the chain refuses a reader, in the order `accessStatus` checks (index = status code). */
export const accessStatuses = [
  'allowed',
  'not-registered',
  'suspended',
  'never-granted',
  'expired',
  'revoked',
  'restricted',
] as const
export type AccessStatusName = (typeof accessStatuses)[number]

/**
 * The patient's consent, when the patient is at a staff member's workstation: their keystore
 * (handed out at registration) and its passphrase, used in memory for this one action.
 */
export const patientConsentSchema = z
  .object({
    keystoreJson: z
      .string()
      .min(2)
      .max(64 * 1024),
    passphrase: z.string().min(1).max(1024),
  })
  .strict()
export type PatientConsent = z.output<typeof patientConsentSchema>

const patientAction = {
  patient: addressSchema,
  /** Absent when the signed-in account is the patient. */
  consent: patientConsentSchema.optional(),
}

export const accessRequestSchema = z
  .object({ patient: addressSchema, purpose: accessPurposeSchema })
  .strict()

export const accessGrantSchema = z
  .object({
    ...patientAction,
    reader: addressSchema,
    /** Last day of access (YYYY-MM-DD, access ends at its end, UTC); absent = until revoked. */
    until: z.iso.date('not a date (YYYY-MM-DD)').optional(),
  })
  .strict()

export const accessRevokeSchema = z
  .object({
    ...patientAction,
    reader: addressSchema,
    /** Re-key the records whose current keys the reader holds, before revoking (rotation.ts). */
    rotateKeys: z.boolean().optional(),
  })
  .strict()

/** The signed-in patient declines a request, named by its transaction. */
export const accessDeclineSchema = z
  .object({
    patient: addressSchema,
    requestTxHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a transaction hash'),
  })
  .strict()

export const accessRestrictSchema = z
  .object({ ...patientAction, recordId: recordIdSchema, restricted: z.boolean() })
  .strict()

export const emergencyDeclareSchema = z
  .object({ patient: addressSchema, reason: emergencyReasonSchema })
  .strict()

export const openPurposeSchema = z.object({ cid: cidSchema, purpose: readPurposeSchema.optional() })

/** Timeline actions: one per registry event kind, plus the node's own read log. */
export const auditActions = [
  'institution-added',
  'governance-transferred',
  'staff-registered',
  'staff-approved',
  'staff-rejected',
  'staff-suspended',
  'staff-reinstated',
  'patient-registered',
  'record-uploaded',
  'record-versioned',
  'record-restricted',
  'record-unrestricted',
  'access-requested',
  'access-granted',
  'access-revoked',
  'emergency-declared',
  'emergency-keys-released',
  'audit-anchored',
  'record-read',
  'read-denied',
] as const
export type AuditAction = (typeof auditActions)[number]

export const auditFilterSchema = z
  .object({
    patient: addressSchema.optional(),
    /** Who acted: staff, patient or relayer. */
    actor: addressSchema.optional(),
    action: z.enum(auditActions).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict()
export type AuditFilter = z.output<typeof auditFilterSchema>

export const auditExportSchema = z
  .object({ format: z.enum(['csv', 'fhir']), filter: auditFilterSchema.default({}) })
  .strict()

/** Inputs of the records features; pure zod, shared by the api spec, the renderer and the CLI. */
import { z } from 'zod'
import { addressSchema } from '../identity/schemas.ts'

export const recordCategories = [
  'imaging',
  'laboratory',
  'clinical-note',
  'prescription',
  'discharge-summary',
  'referral',
  'other',
] as const
export const recordCategorySchema = z.enum(recordCategories)

/** What the uploader says about a file; encrypted into the manifest, never on chain. */
export const recordDetailsSchema = z.object({
  title: z.string().trim().min(1).max(200),
  category: recordCategorySchema,
  dateOfCare: z.iso.date('not a date (YYYY-MM-DD)'),
  fileName: z.string().trim().min(1).max(255),
  mime: z.string().trim().max(127).default('application/octet-stream'),
})
export type RecordDetails = z.output<typeof recordDetailsSchema>

/** A CID as text (CIDv1 base32 `b…` or CIDv0 `Qm…`). */
export const cidSchema = z
  .string()
  .trim()
  .regex(/^(b[a-z2-7]{20,}|Qm[1-9A-HJ-NP-Za-km-z]{44})$/, 'not a CID')

export const recordIdSchema = z.number().int().min(1)

/** One chunk of an upload, base64; 4 MiB of file per call keeps each message small. */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024
export const uploadChunkSchema = z
  .object({
    uploadId: z.string().uuid(),
    data: z.base64().max(Math.ceil(MAX_CHUNK_BYTES / 3) * 4),
  })
  .strict()

export const uploadStartSchema = z
  .object({
    patient: addressSchema,
    /** A new version of this record; absent for a new record. */
    recordId: recordIdSchema.optional(),
    size: z.number().int().min(0),
    details: recordDetailsSchema,
  })
  .strict()

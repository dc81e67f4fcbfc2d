/**
 * Inputs of the identity features: accounts, network set-up, staff and patients. Pure zod, shared
 * by the api spec, the renderer's forms and the CLI, so every entry point refuses the same input.
 */
import { z } from 'zod'
import { rpcTokenSchema } from '../chain/rpc-token-format.ts'
import { peerMultiaddrSchema } from '../settings/schema.ts'
import { isValidNationalId } from './national-id.ts'

export const addressSchema = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'not an Ethereum address')

/** Long enough to resist guessing against a stolen keystore file. */
export const passphraseSchema = z
  .string()
  .min(10, 'a passphrase has at least 10 characters')
  .max(1024)

export const labelSchema = z.string().trim().min(1).max(80)
export const personNameSchema = z.string().trim().min(1).max(120)

export const nationalIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidNationalId, 'not a valid national ID number (a letter, then 9 digits)')

/** Medical licence numbers differ by profession; letters, digits and hyphens, 4 to 20. */
export const licenceNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z0-9][A-Z0-9-]{2,18}[A-Z0-9]$/,
    'not a valid licence number (4 to 20 letters or digits)',
  )

export const medicalRecordNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,30}$/, 'not a valid medical record number')

export const birthDateSchema = z.iso
  .date('not a date (YYYY-MM-DD)')
  .refine(
    (date) => date >= '1900-01-01' && date <= new Date().toISOString().slice(0, 10),
    'not a plausible birth date',
  )

export const staffRoles = [
  'physician',
  'nurse',
  'technician',
  'pharmacist',
  'administrator',
  'auditor',
] as const
export const staffRoleSchema = z.enum(staffRoles)
export type StaffRoleName = z.infer<typeof staffRoleSchema>

export const institutionNameSchema = z.string().trim().min(1).max(120)

export const institutionIdSchema = z
  .number()
  .int()
  .min(1)
  .max(2 ** 32 - 1)

/** Name, national ID and licence number from the medical IC card: kept off chain. */
export const staffIdentitySchema = z.object({
  name: personNameSchema,
  nationalId: nationalIdSchema,
  licenceNumber: licenceNumberSchema,
})
export type StaffIdentity = z.output<typeof staffIdentitySchema>

/** Why an administrator suspends a staff member: a code, kept on this node's audit trail only. */
export const suspensionReasons = [
  'left-institution',
  'licence-lapsed',
  'under-investigation',
  'extended-leave',
  'security-concern',
  'other',
] as const
export const suspensionReasonSchema = z.enum(suspensionReasons)
export type SuspensionReason = z.output<typeof suspensionReasonSchema>

export const newAccountSchema = z.object({ label: labelSchema, passphrase: passphraseSchema })

/** What IT hands a hospital that joins an existing network. */
export const siteConfigSchema = z.object({
  format: z.literal('emr-node-site/1'),
  network: z.string().trim().min(1).max(120),
  chain: z.object({
    rpcUrl: z.url({ protocol: /^(https?|wss?)$/ }),
    chainId: z.number().int().positive(),
    contractAddress: addressSchema,
    /** The bearer token of a chain hosted by a member's gateway; absent for an open endpoint. */
    rpcToken: rpcTokenSchema.optional(),
    /** The block the registry was deployed in: a joining node indexes from there, not block 0. */
    deploymentBlock: z.number().int().min(0).optional(),
  }),
  ipfs: z.object({
    swarmKey: z.string().min(1),
    peers: z.array(peerMultiaddrSchema).default([]),
  }),
})
export type SiteConfig = z.output<typeof siteConfigSchema>

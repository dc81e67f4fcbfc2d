/**
 * The single definition of what the UI can ask of the node: every method's name and the schema
 * of its input. Handlers (handlers.ts) implement them; IPC, browser mode and the CLI are adapters.
 * This file must stay free of Node-only imports: the preload and the renderer load it too.
 */
import { z } from 'zod'
import {
  addressSchema,
  birthDateSchema,
  institutionIdSchema,
  institutionNameSchema,
  labelSchema,
  medicalRecordNumberSchema,
  newAccountSchema,
  passphraseSchema,
  personNameSchema,
  staffIdentitySchema,
  staffRoleSchema,
  suspensionReasonSchema,
} from '../identity/schemas.ts'
import {
  accessDeclineSchema,
  accessGrantSchema,
  accessRequestSchema,
  accessRestrictSchema,
  accessRevokeSchema,
  auditExportSchema,
  auditFilterSchema,
  emergencyDeclareSchema,
  openPurposeSchema,
} from '../access/schemas.ts'
import { cidSchema, uploadChunkSchema, uploadStartSchema } from '../records/schemas.ts'
import { uploadResumeSchema } from '../records/resume-sample.ts'
import { markEnteredInErrorSchema } from '../records/entered-in-error-schema.ts'
import { settingsPatchSchema } from '../settings/schema.ts'
import { etherAmountSchema } from '../chain/ether-amount.ts'

const noInput = z.undefined().or(z.object({}).strict())

const account = z.object({ account: addressSchema }).strict()

export const apiSpec = {
  'node.status': noInput,
  'settings.get': noInput,
  'settings.update': settingsPatchSchema,

  'accounts.list': noInput,
  'accounts.create': newAccountSchema.strict(),
  'accounts.importKeystore': z
    .object({
      label: labelSchema,
      json: z
        .string()
        .min(2)
        .max(64 * 1024),
      passphrase: z.string().min(1),
    })
    .strict(),
  'accounts.importMnemonic': z
    .object({
      label: labelSchema,
      mnemonic: z.string().trim().min(1).max(512),
      passphrase: passphraseSchema,
    })
    .strict(),
  'accounts.exportKeystore': z.object({ address: addressSchema }).strict(),
  'accounts.fund': z.object({ to: addressSchema, amount: etherAmountSchema }).strict(),

  'session.get': noInput,
  'session.signIn': z.object({ address: addressSchema, passphrase: z.string().min(1) }).strict(),
  'session.signOut': noInput,
  'session.touch': noInput,

  'setup.status': noInput,
  'setup.createNetwork': z
    .object({
      institutionName: institutionNameSchema,
      governor: newAccountSchema,
      admin: newAccountSchema.extend(staffIdentitySchema.shape),
    })
    .strict(),
  'setup.joinNetwork': z
    .object({
      siteConfig: z
        .string()
        .min(2)
        .max(64 * 1024),
    })
    .strict(),
  'setup.exportSiteConfig': noInput,

  'institutions.list': noInput,
  'institutions.add': z
    .object({
      name: institutionNameSchema,
      admin: addressSchema,
      /** The first admin's IC card data, kept on this node only; optional. */
      adminIdentity: staffIdentitySchema.optional(),
    })
    .strict(),

  'staff.register': z
    .object({
      institution: institutionIdSchema,
      role: staffRoleSchema,
      identity: staffIdentitySchema,
    })
    .strict(),
  'staff.registerDirect': z
    .object({
      account: addressSchema,
      role: staffRoleSchema,
      identity: staffIdentitySchema,
      /** Needed when the account's keys are not on this node. */
      encryptionPublicKey: z
        .string()
        .regex(/^0x0[23][0-9a-fA-F]{64}$/, 'not a compressed public key')
        .optional(),
    })
    .strict(),
  'staff.approve': account,
  'staff.reject': account,
  'staff.suspend': z.object({ account: addressSchema, reason: suspensionReasonSchema }).strict(),
  'staff.reinstate': account,
  'staff.identity': account,
  'staff.list': z
    .object({
      status: z.enum(['pending', 'active', 'suspended']).optional(),
      institution: institutionIdSchema.optional(),
    })
    .strict()
    .optional(),

  'patients.register': z
    .object({
      name: personNameSchema,
      medicalRecordNumber: medicalRecordNumberSchema,
      birthDate: birthDateSchema,
    })
    .strict(),
  'patients.search': z.object({ query: z.string().trim().max(120) }).strict(),
  'patients.reissueKey': z.object({ patient: addressSchema }).strict(),

  'records.uploadStart': uploadStartSchema,
  'records.uploadChunk': uploadChunkSchema,
  'records.uploadFinish': z.object({ uploadId: z.uuid() }).strict(),
  'records.uploadCancel': z.object({ uploadId: z.uuid() }).strict(),
  'records.uploadsInProgress': noInput,
  'records.uploadResume': uploadResumeSchema,
  'records.list': z.object({ patient: addressSchema }).strict(),
  'records.lookup': z.object({ cid: cidSchema }).strict(),
  'records.open': openPurposeSchema.strict(),
  'records.markEnteredInError': markEnteredInErrorSchema,

  'access.overview': z.object({ patient: addressSchema }).strict(),
  'access.request': accessRequestSchema,
  'access.grant': accessGrantSchema,
  'access.revoke': accessRevokeSchema,
  'access.decline': accessDeclineSchema,
  'access.restrict': accessRestrictSchema,

  'emergency.declare': emergencyDeclareSchema,
  'emergency.list': z.object({ activeOnly: z.boolean().optional() }).strict().optional(),
  'emergency.releaseKeys': z.object({ patient: addressSchema, staff: addressSchema }).strict(),
  'emergency.policy': z.object({ institution: institutionIdSchema }).strict(),
  'emergency.setRoles': z
    .object({ roles: z.array(staffRoleSchema).min(1).max(staffRoleSchema.options.length) })
    .strict(),
  'emergency.enableAutomaticRelease': noInput,
  'emergency.disableAutomaticRelease': noInput,

  'audit.timeline': auditFilterSchema.optional(),
  'audit.export': auditExportSchema,
  'audit.verify': noInput,
  'audit.anchor': noInput,

  'replication.status': noInput,
} as const

export type MethodName = keyof typeof apiSpec
export type MethodInput<M extends MethodName> = z.input<(typeof apiSpec)[M]>
export type MethodOutput<M extends MethodName> = z.output<(typeof apiSpec)[M]>

export const methodNames = Object.keys(apiSpec) as MethodName[]

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(apiSpec, name)
}

/** Events the node pushes to the UI. */
export interface ApiEvents {
  /** A new block on the chain the node follows. */
  block: { height: number }
  /** The signed-in session ended: by the user, or after the idle time. */
  locked: { reason: 'idle' | 'manual' }
  /** Progress of long work (uploads, fetches, transactions), keyed by the operation id. */
  progress: { operationId: string; phase: string; loaded?: number; total?: number }
}
export type EventName = keyof ApiEvents
export const eventNames: readonly EventName[] = ['block', 'locked', 'progress']

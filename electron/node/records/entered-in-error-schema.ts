/**
 * "Entered in error": an anchored version cannot be deleted, so staff of the custodian
 * institution mark it with a reason code (registry `markEnteredInError`); it stays readable and
 * every reader is told. Pure, shared by the api spec, the renderer and the CLI.
 */
import { z } from 'zod'
import { recordIdSchema } from './schemas.ts'

/** The registry's reason codes, in order from 1. */
export const enteredInErrorReasons = [
  'wrong-patient',
  'wrong-content',
  'duplicate',
  'other',
] as const
export type EnteredInErrorReason = (typeof enteredInErrorReasons)[number]

export function reasonCode(reason: EnteredInErrorReason): number {
  return enteredInErrorReasons.indexOf(reason) + 1
}

/** The reason of a code read from the chain; 'other' for a code this node does not know. */
export function reasonOfCode(code: number): EnteredInErrorReason {
  return enteredInErrorReasons[code - 1] ?? 'other'
}

export const markEnteredInErrorSchema = z
  .object({
    recordId: recordIdSchema,
    version: z.number().int().min(1),
    reason: z.enum(enteredInErrorReasons),
  })
  .strict()

/**
 * The single definition of what the UI can ask of the node: every method's name and the schema
 * of its input. Handlers (handlers.ts) implement them; IPC, browser mode and the CLI are adapters.
 * This file must stay free of Node-only imports: the preload and the renderer load it too.
 */
import { z } from 'zod'
import { settingsPatchSchema } from '../settings/schema.ts'

const noInput = z.undefined().or(z.object({}).strict())

export const apiSpec = {
  'node.status': noInput,
  'settings.get': noInput,
  'settings.update': settingsPatchSchema,
} as const

export type MethodName = keyof typeof apiSpec
export type MethodInput<M extends MethodName> = z.input<(typeof apiSpec)[M]>

export const methodNames = Object.keys(apiSpec) as MethodName[]

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(apiSpec, name)
}

/** Events the node pushes to the UI. */
export interface ApiEvents {
  /** A new block on the chain the node follows. */
  block: { height: number }
  /** Progress of long work (uploads, fetches, transactions), keyed by the operation id. */
  progress: { operationId: string; phase: string; loaded?: number; total?: number }
}
export type EventName = keyof ApiEvents
export const eventNames: readonly EventName[] = ['block', 'progress']

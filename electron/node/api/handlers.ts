import type { HospitalNode } from '../node.ts'
import type { MethodName, apiSpec } from './spec.ts'
import type { z } from 'zod'

type HandlerTable = {
  [M in MethodName]: (input: z.output<(typeof apiSpec)[M]>) => Promise<unknown>
}

/** Binds every method of the api spec to the node. */
export function createHandlers(node: HospitalNode) {
  return {
    'node.status': async () => node.status(),
    'settings.get': async () => node.settings.get(),
    'settings.update': async (patch) => node.settings.update(patch),
  } satisfies HandlerTable
}

export type ApiHandlers = ReturnType<typeof createHandlers>

import { z } from 'zod'
import { EmrError, InvalidInputError, UnknownMethodError, toErrorInfo } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { ApiError, type Envelope } from './client.ts'
import { createHandlers } from './handlers.ts'
import { resolveActor, type Actor } from './actor.ts'
import { requireCallers } from './authorize.ts'
import { permissions, type Permission } from './permissions.ts'
import { apiSpec, isMethodName, type MethodName } from './spec.ts'

export type Dispatch = (method: string, input: unknown) => Promise<Envelope>

/**
 * The one entry point of every adapter (IPC, browser mode, CLI): checks the method name, resolves
 * the caller once and checks it against the method's permission (before the input is even
 * parsed, so a refused caller learns nothing about it), checks the input against the spec and
 * any rule the permission sets on it, runs the handler, and turns any failure into a typed error
 * envelope.
 */
export function createDispatcher(node: HospitalNode): Dispatch {
  const handlers = createHandlers(node)
  return async (method, input) => {
    try {
      if (!isMethodName(method)) throw new UnknownMethodError(`Unknown method: ${method}`)
      const actor = resolveActor(node)
      const permission = permissions[method] as Permission<MethodName>
      await requireCallers(actor, permission.callers)
      const parsed = apiSpec[method].safeParse(input ?? undefined)
      if (!parsed.success) throw new InvalidInputError(z.prettifyError(parsed.error))
      await permission.check?.({ actor, input: parsed.data as never, node })
      const handler = handlers[method] as (input: unknown, actor: Actor) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data, actor) }
    } catch (error) {
      if (!(error instanceof EmrError)) {
        node.log.error('unexpected failure', { method, error: String(error) })
      }
      return { ok: false, error: toErrorInfo(error) }
    }
  }
}

/** Calls the api in process, as the UI would: the value, or the typed error thrown. */
export function createCaller(dispatch: Dispatch) {
  return async <T>(method: string, input?: unknown): Promise<T> => {
    const envelope = await dispatch(method, input)
    if (!envelope.ok) throw new ApiError(envelope.error)
    return envelope.value as T
  }
}

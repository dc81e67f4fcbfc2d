import { z } from 'zod'
import { EmrError, InvalidInputError, UnknownMethodError, toErrorInfo } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { ApiError, type Envelope } from './client.ts'
import { createHandlers } from './handlers.ts'
import { apiSpec, isMethodName } from './spec.ts'

export type Dispatch = (method: string, input: unknown) => Promise<Envelope>

/**
 * The one entry point of every adapter (IPC, browser mode, CLI): checks the method name and its
 * input against the spec, runs the handler, and turns any failure into a typed error envelope.
 */
export function createDispatcher(node: HospitalNode): Dispatch {
  const handlers = createHandlers(node)
  return async (method, input) => {
    try {
      if (!isMethodName(method)) throw new UnknownMethodError(`Unknown method: ${method}`)
      const parsed = apiSpec[method].safeParse(input ?? undefined)
      if (!parsed.success) throw new InvalidInputError(z.prettifyError(parsed.error))
      const handler = handlers[method] as (input: unknown) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data) }
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

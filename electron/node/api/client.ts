/**
 * Builds the typed `window.emr` object from the api spec, over any transport. The preload passes
 * an IPC transport, browser mode an HTTP one; both get the same object with named functions.
 */
import { EmrError, type ErrorInfo } from '../errors.ts'
import type { ApiHandlers } from './handlers.ts'
import {
  methodNames,
  type ApiEvents,
  type EventName,
  type MethodInput,
  type MethodName,
} from './spec.ts'

/** What crosses a transport: a value, or a typed error (IPC would mangle a thrown one). */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

export interface Transport {
  invoke(method: MethodName, input: unknown): Promise<Envelope>
  subscribe<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
}

/** The error the client throws: the node's typed error, rebuilt on the calling side. */
export class ApiError extends EmrError {
  constructor(info: ErrorInfo) {
    super(info.name, info.code, info.message, { details: info.details })
  }
}

type Output<M extends MethodName> = Awaited<ReturnType<ApiHandlers[M]>>
type Namespace<M> = M extends `${infer N}.${string}` ? N : never
type Member<M> = M extends `${string}.${infer F}` ? F : never
type MethodFn<M extends MethodName> =
  undefined extends MethodInput<M>
    ? (input?: MethodInput<M>) => Promise<Output<M>>
    : (input: MethodInput<M>) => Promise<Output<M>>

export type EmrApi = {
  [N in Namespace<MethodName>]: {
    [F in Member<Extract<MethodName, `${N}.${string}`>>]: MethodFn<Extract<MethodName, `${N}.${F}`>>
  }
} & {
  /** Subscribes to a node event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
}

export function createClient(transport: Transport): EmrApi {
  const client: Record<string, Record<string, unknown>> = {}
  for (const method of methodNames) {
    const [namespace, member] = method.split('.') as [string, string]
    client[namespace] ??= {}
    client[namespace][member] = async (input?: unknown) => {
      const envelope = await transport.invoke(method, input)
      if (!envelope.ok) throw new ApiError(envelope.error)
      return envelope.value
    }
  }
  return Object.assign(client, {
    on: transport.subscribe.bind(transport),
  }) as unknown as EmrApi
}

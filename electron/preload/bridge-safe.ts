/**
 * contextBridge copies a thrown Error as its message only: `name` and `code` are lost, and the
 * UI branches on `code`. So every api function exposed to the page rejects with a plain, frozen
 * `{ name, code, message, details? }` object instead, which the bridge copies whole.
 */
import type { EmrApi } from '../node/api/client.ts'
import { toErrorInfo, type ErrorInfo } from '../node/errors.ts'

/** The wire form of whatever a client call rejected with. */
export function toBridgeError(error: unknown): Readonly<ErrorInfo> {
  return Object.freeze(toErrorInfo(error))
}

type AsyncFunction = (...args: unknown[]) => Promise<unknown>

/** The same api with each namespaced method's rejection made bridge-safe; `on` is unchanged. */
export function bridgeSafe(api: EmrApi): EmrApi {
  const safe: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(api)) {
    if (typeof value === 'function' || value === null || typeof value !== 'object') {
      safe[key] = value
      continue
    }
    safe[key] = Object.fromEntries(
      Object.entries(value as Record<string, AsyncFunction>).map(([name, method]) => [
        name,
        (...args: unknown[]) =>
          method(...args).catch((error: unknown) => Promise.reject(toBridgeError(error))),
      ]),
    )
  }
  return safe as EmrApi
}

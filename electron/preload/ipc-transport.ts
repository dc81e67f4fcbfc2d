/**
 * The api Transport over Electron IPC. It takes the ipcRenderer it needs as a parameter, so
 * preload/index.ts stays the only module that touches ipcRenderer and this one is unit-tested.
 */
import type { Envelope, Transport } from '../node/api/client.ts'
import { eventNames, type ApiEvents, type EventName, type MethodName } from '../node/api/spec.ts'
import { InternalError, InvalidInputError } from '../node/errors.ts'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../main/channels.ts'

/** The parts of ipcRenderer the transport uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

type Listener = (payload: unknown) => void

/**
 * `invoke` always resolves to an Envelope (an IPC failure becomes an InternalError envelope).
 * Events arrive on one shared ipcRenderer listener and reach subscribers as the payload only:
 * the IpcRendererEvent (which holds `sender`, i.e. ipcRenderer itself) never leaves this module.
 */
export function createIpcTransport(ipc: IpcRendererLike): Transport {
  const listeners = new Map<string, Set<Listener>>(eventNames.map((name) => [name, new Set()]))
  let listening = false

  const deliver = (_event: unknown, name: unknown, payload: unknown) => {
    const subscribers = typeof name === 'string' ? listeners.get(name) : undefined
    for (const listener of subscribers ?? []) {
      try {
        listener(payload)
      } catch (error) {
        // One failing subscriber must not starve the others.
        console.error(error)
      }
    }
  }

  return {
    async invoke(method: MethodName, input: unknown): Promise<Envelope> {
      try {
        return (await ipc.invoke(INVOKE_CHANNEL, method, input)) as Envelope
      } catch {
        return { ok: false, error: new InternalError('The call did not reach the node').toJSON() }
      }
    },
    subscribe<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      const subscribers = listeners.get(event)
      if (!subscribers) throw new InvalidInputError(`Unknown event: ${String(event)}`)
      if (typeof listener !== 'function')
        throw new InvalidInputError('The listener is not a function')
      if (!listening) {
        ipc.on(EVENT_CHANNEL, deliver)
        listening = true
      }
      // A fresh wrapper per subscription: subscribing the same function twice gives two
      // independent subscriptions, each removed by its own unsubscribe.
      const entry: Listener = (payload) => listener(payload as ApiEvents[E])
      subscribers.add(entry)
      return () => {
        subscribers.delete(entry)
      }
    },
  }
}

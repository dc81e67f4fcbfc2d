/**
 * Browser mode: the api over loopback HTTP. The browser signed in once through the one-time
 * address the server printed; its session lives in an HttpOnly cookie that scripts never see
 * and that the browser sends along with every same-origin request.
 */
import type { Envelope, Transport } from '../../../electron/node/api/client.ts'
import type { ApiEvents, EventName, MethodName } from '../../../electron/node/api/spec.ts'

export function createBrowserTransport(): Transport {
  let events: EventSource | undefined

  return {
    async invoke(method: MethodName, input: unknown): Promise<Envelope> {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(input ?? null),
      })
      return (await response.json()) as Envelope
    },
    subscribe<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      events ??= new EventSource('/api/events')
      const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data))
      events.addEventListener(event, handler)
      return () => events?.removeEventListener(event, handler)
    },
  }
}

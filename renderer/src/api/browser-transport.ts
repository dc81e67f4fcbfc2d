/**
 * Browser mode: the api over loopback HTTP. The session token arrives once in the address
 * (`?token=…`), is kept in sessionStorage and removed from the address bar and history.
 */
import type { Envelope, Transport } from '../../../electron/node/api/client.ts'
import type { ApiEvents, EventName, MethodName } from '../../../electron/node/api/spec.ts'

const TOKEN_KEY = 'emr.sessionToken'

function takeSessionToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

export function createBrowserTransport(): Transport {
  const token = takeSessionToken()
  let events: EventSource | undefined

  return {
    async invoke(method: MethodName, input: unknown): Promise<Envelope> {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? null),
      })
      return (await response.json()) as Envelope
    },
    subscribe<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      events ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
      const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data))
      events.addEventListener(event, handler)
      return () => events?.removeEventListener(event, handler)
    },
  }
}

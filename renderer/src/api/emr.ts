import { createClient, type EmrApi } from '../../../electron/node/api/client.ts'
import { createBrowserTransport } from './browser-transport.ts'

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    emr?: EmrApi
  }
}

/** The node's api: the preload's in Electron, the loopback HTTP bridge in browser mode. */
export const emr: EmrApi = window.emr ?? createClient(createBrowserTransport())
export { ApiError } from '../../../electron/node/api/client.ts'

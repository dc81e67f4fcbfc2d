/**
 * Session and web-contents guards. Electron is imported for types only, so the tests drive
 * these with fakes; every decision comes from url-policy.ts and window-options.ts.
 */
import type { Session, WebContents } from 'electron'
import type { Logger } from '../node/log.ts'
import { isAppUrl, type AppUrlOptions } from './url-policy.ts'
import { withContentSecurityPolicy } from './window-options.ts'

type SessionGuards = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> }

/**
 * Denies every permission (camera, notifications, clipboard read, devices…) and puts the CSP
 * header on every app response. Pages that are not ours never load, so they are left alone.
 */
export function hardenSession(session: SessionGuards, urls: AppUrlOptions): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, urls)) return callback({})
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) })
  })
}

type ContentsGuards = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/**
 * Keeps a web contents on the app: navigations and redirects anywhere else are cancelled, new
 * windows are always denied (links are never handed to the system browser either: a record
 * viewer must not become a way out), and <webview> can never attach.
 */
export function guardWebContents(contents: ContentsGuards, urls: AppUrlOptions, log: Logger): void {
  const stayOnApp = (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url, urls)) return
    event.preventDefault()
    log.warn('blocked a navigation away from the app')
  }
  contents.on('will-navigate', stayOnApp)
  contents.on('will-frame-navigate', stayOnApp)
  contents.on('will-redirect', stayOnApp)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

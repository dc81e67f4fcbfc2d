/**
 * Which URLs are the app's own. Pure: navigation guards, the CSP header and the IPC sender check
 * all ask here, and the unit tests loop hostile URLs through it.
 */

/** The two places the app is ever served from. */
export interface AppUrlOptions {
  /** `file://` URL of the packaged `out/renderer/index.html`, exactly as the window loads it. */
  appFileUrl: string
  /** Origin of the electron-vite dev server; only set in unpackaged runs. */
  devServerUrl?: string
}

/** A frame that sent an IPC message: the parts of Electron's WebFrameMain the check reads. */
export interface SenderFrame {
  readonly url: string
  readonly parent: object | null
  readonly detached?: boolean
  isDestroyed(): boolean
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

const isHttp = (url: URL) => url.protocol === 'http:' || url.protocol === 'https:'

/**
 * True only for the packaged index file (any query or hash, for the router) or for any page of
 * the dev server's exact origin. Everything else is refused: other files, other ports or hosts,
 * credentials in the URL, and every non-http scheme (their origins are all "null", so an origin
 * comparison alone would let `data:` pass for `javascript:`).
 */
export function isAppUrl(url: string, options: AppUrlOptions): boolean {
  const candidate = parse(url)
  if (!candidate || candidate.username !== '' || candidate.password !== '') return false

  const dev = options.devServerUrl ? parse(options.devServerUrl) : null
  if (dev && isHttp(dev) && isHttp(candidate) && candidate.origin === dev.origin) return true

  const app = parse(options.appFileUrl)
  return (
    app !== null &&
    app.protocol === 'file:' &&
    candidate.protocol === 'file:' &&
    candidate.host === app.host &&
    candidate.pathname === app.pathname
  )
}

/**
 * The dev server URL electron-vite hands over in `ELECTRON_RENDERER_URL`, accepted only in an
 * unpackaged run and only on loopback http(s): a packaged app never loads a page named by the
 * environment.
 */
export function resolveDevServerUrl(
  value: string | undefined,
  isPackaged: boolean,
): string | undefined {
  if (isPackaged || !value) return undefined
  const url = parse(value)
  if (!url || !isHttp(url) || url.username !== '' || url.password !== '') return undefined
  return LOOPBACK_HOSTS.has(url.hostname) ? url.href : undefined
}

/**
 * An IPC sender is trusted only as a live top-level frame showing an app URL. Electron's frame
 * getters throw once the frame is disposed, so any throw means "not trusted".
 */
export function isTrustedSender(
  frame: SenderFrame | null | undefined,
  options: AppUrlOptions,
): boolean {
  if (!frame) return false
  try {
    if (frame.isDestroyed() || frame.detached === true) return false
    return frame.parent === null && isAppUrl(frame.url, options)
  } catch {
    return false
  }
}

/** The main window's options and the Content-Security-Policy of app pages. Pure. */
import type { BrowserWindowConstructorOptions } from 'electron'

/**
 * Only the app's own bundled code and data. `style-src` allows 'unsafe-inline' because Mantine
 * (and its CSS variables resolver) injects `<style>` elements at run time; scripts stay 'self'
 * only, so injected markup still cannot run code. `frame-ancestors` only works as a header,
 * which is one reason the shell sends it besides the meta tag.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export interface WindowOptionsInput {
  /** Developer tools: only in unpackaged runs (`!app.isPackaged`). */
  devTools: boolean
}

/** Options of the one app window: every web preference that matters set explicitly. */
export function createWindowOptions(
  preloadPath: string,
  { devTools }: WindowOptionsInput,
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 832,
    minWidth: 960,
    minHeight: 640,
    title: 'EMR Node',
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  }
}

/** Response headers with our CSP in place of any the server sent (header names are case-blind). */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(
    ([name]) => name.toLowerCase() !== 'content-security-policy',
  )
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
}

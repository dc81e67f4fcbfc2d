/** The main window's options and the Content-Security-Policy of app pages. Pure. */
import type { BrowserWindowConstructorOptions } from 'electron'

import { CONTENT_SECURITY_POLICY } from '../node/content-security-policy.ts'

export { CONTENT_SECURITY_POLICY }

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

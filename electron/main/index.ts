/**
 * The Electron shell: one sandboxed window over the hospital node. This file is wiring only; the
 * decisions live in pure modules beside it (url-policy, window-options, ipc-handlers, hardening,
 * leave-prompt, shutdown, startup-failure) and in electron/node, which never imports Electron.
 */
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, safeStorage, session } from 'electron'
import Store from 'electron-store'
import { createDispatcher } from '../node/api/dispatch.ts'
import { createLogger } from '../node/log.ts'
import { HospitalNode } from '../node/node.ts'
import { defaultDataDir } from '../node/paths.ts'
import { createElectronSettingsStore, settingsStoreOptions } from './electron-settings-store.ts'
import { guardWebContents, hardenSession } from './hardening.ts'
import { registerIpc } from './ipc.ts'
import { safeStorageNodeSecret } from './safe-storage-secret.ts'
import { askBeforeUnload, leavePromptText } from './leave-prompt.ts'
import { createBeforeQuitHandler, createShutdown } from './shutdown.ts'
import { describeStartupFailure } from './startup-failure.ts'
import { resolveDevServerUrl, type AppUrlOptions } from './url-policy.ts'
import { createWindowOptions } from './window-options.ts'

const rootLog = createLogger('emr')
const log = rootLog.child('shell')

// The app, the CLI and browser mode share one data folder (EMR_DATA_DIR overrides it, e.g. one
// per e2e test). Set before the single-instance lock, which is kept in that folder.
app.setPath('userData', resolve(defaultDataDir()))
app.enableSandbox()

const urls: AppUrlOptions = {
  appFileUrl: pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href,
  devServerUrl: resolveDevServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged),
}
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')

let window: BrowserWindow | null = null
let starting: Promise<HospitalNode> | undefined

const shutdown = createShutdown(
  async () => {
    const node = await starting?.catch(() => undefined)
    await node?.stop()
  },
  { timeoutMs: 15_000, log },
)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', focusWindow)
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, urls, log))
  app.on('window-all-closed', () => app.quit())
  app.on(
    'before-quit',
    createBeforeQuitHandler(shutdown, () => app.quit()),
  )
  process.on('SIGINT', () => app.quit())
  process.on('SIGTERM', () => app.quit())
  app.whenReady().then(start).catch(failToStart)
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, urls)
  const dataDir = app.getPath('userData')
  const settings = createElectronSettingsStore(new Store(settingsStoreOptions(dataDir)))
  starting = HospitalNode.start({
    dataDir,
    settings,
    log: rootLog,
    nodeSecret: safeStorageNodeSecret(safeStorage),
    // Baked in by electron-builder.yml (extraResources); a build without one has none.
    siteConfigFile: join(process.resourcesPath, 'site-config.json'),
  })
  const node = await starting
  if (shutdown.requested) return

  window = new BrowserWindow(createWindowOptions(preloadPath, { devTools: !app.isPackaged }))
  window.once('ready-to-show', () => window?.show())
  window.on('closed', () => {
    window = null
  })
  const shown = window
  askBeforeUnload(shown.webContents, () => {
    const words = leavePromptText[node.settings.get().language]
    const choice = dialog.showMessageBoxSync(shown, {
      type: 'warning',
      title: words.title,
      message: words.message,
      detail: words.detail,
      buttons: [words.leave, words.stay],
      defaultId: 1,
      cancelId: 1,
    })
    return choice === 0
  })
  window.webContents.on('render-process-gone', (_event, details) =>
    log.error('the window renderer is gone', { reason: details.reason }),
  )
  registerIpc({ window, dispatch: createDispatcher(node), events: node.events, urls, log })
  await window.loadURL(urls.devServerUrl ?? urls.appFileUrl)
}

/** Typed errors (folder locked, bad swarm key, chain unreachable…) end in a dialog, not a crash. */
function failToStart(error: unknown): void {
  log.error('start-up failed', { error: String(error) })
  const { title, content } = describeStartupFailure(error, app.getPath('userData'))
  dialog.showErrorBox(title, content)
  void shutdown.run().then(() => app.exit(1))
}

function focusWindow(): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}

/**
 * The only module that touches ipcMain: `emr:invoke` answers the window's calls through the
 * dispatcher, `emr:event` pushes node events to it. The decisions live in ipc-handlers.ts.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import type { Dispatch } from '../node/api/dispatch.ts'
import { eventNames } from '../node/api/spec.ts'
import type { NodeEvents } from '../node/events.ts'
import type { Logger } from '../node/log.ts'
import { INVOKE_CHANNEL } from './channels.ts'
import { createEventPusher, createInvokeHandler } from './ipc-handlers.ts'
import { isTrustedSender, type AppUrlOptions } from './url-policy.ts'

export interface IpcOptions {
  window: BrowserWindow
  dispatch: Dispatch
  events: NodeEvents
  urls: AppUrlOptions
  log: Logger
}

/** Wires both channels to the window; returns the function that unwires them. */
export function registerIpc({ window, dispatch, events, urls, log }: IpcOptions): () => void {
  const contents = window.webContents
  const isTrusted = (event: IpcMainInvokeEvent): boolean => {
    const trusted = event.sender === contents && isTrustedSender(event.senderFrame, urls)
    if (!trusted) log.warn('refused an IPC call from a sender that is not the app window')
    return trusted
  }
  ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler(dispatch, isTrusted))

  const push = createEventPusher(contents, urls)
  const unsubscribers = eventNames.map((name) => {
    const listener = (payload: unknown) => push(name, payload)
    events.on(name, listener)
    return () => events.off(name, listener)
  })

  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL)
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}

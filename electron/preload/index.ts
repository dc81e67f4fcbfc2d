/**
 * The preload: the only module that touches ipcRenderer. It exposes `window.emr`, the typed api
 * built from the spec, as functions only; the page never sees ipcRenderer or a channel name.
 * Bundled to CommonJS (electron.vite.config.ts) because sandboxed preloads cannot load modules.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { createClient } from '../node/api/client.ts'
import { bridgeSafe } from './bridge-safe.ts'
import { createIpcTransport } from './ipc-transport.ts'

contextBridge.exposeInMainWorld('emr', bridgeSafe(createClient(createIpcTransport(ipcRenderer))))

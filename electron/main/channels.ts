/**
 * The IPC channel names, spelled only here. Free of imports so the preload can bundle it.
 * `emr:invoke` carries `(method, input)` and answers an Envelope; `emr:event` pushes
 * `(eventName, payload)` from the node to the window.
 */
export const INVOKE_CHANNEL = 'emr:invoke'
export const EVENT_CHANNEL = 'emr:event'

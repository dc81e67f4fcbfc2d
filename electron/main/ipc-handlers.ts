/**
 * The logic behind the two IPC channels, free of Electron so it is unit-tested with fakes;
 * ipc.ts only registers these with ipcMain.
 */
import type { Envelope } from '../node/api/client.ts'
import type { Dispatch } from '../node/api/dispatch.ts'
import type { EventName } from '../node/api/spec.ts'
import {
  UnauthorizedError,
  UnknownMethodError,
  toErrorInfo,
  type EmrError,
} from '../node/errors.ts'
import { EVENT_CHANNEL } from './channels.ts'
import { isTrustedSender, type AppUrlOptions, type SenderFrame } from './url-policy.ts'

/**
 * The `emr:invoke` handler: an untrusted sender gets an UnauthorizedError envelope and never
 * reaches the dispatcher; a trusted one gets the dispatcher's envelope. It never throws, because
 * a thrown error would cross IPC as bare text.
 */
export function createInvokeHandler<E>(dispatch: Dispatch, isTrusted: (event: E) => boolean) {
  return async (event: E, method: unknown, input: unknown): Promise<Envelope> => {
    if (!trusts(isTrusted, event)) {
      return fail(new UnauthorizedError('The IPC sender is not the app window'))
    }
    if (typeof method !== 'string') return fail(new UnknownMethodError('The method is not a name'))
    try {
      return await dispatch(method, input)
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) }
    }
  }
}

/** A trust check that throws (a disposed frame, say) is a refusal, never a pass. */
function trusts<E>(isTrusted: (event: E) => boolean, event: E): boolean {
  try {
    return isTrusted(event)
  } catch {
    return false
  }
}

function fail(error: EmrError): Envelope {
  return { ok: false, error: error.toJSON() }
}

/** The parts of Electron's WebContents the event push reads. */
export interface PushTarget {
  isDestroyed(): boolean
  readonly mainFrame: SenderFrame & { send(channel: string, ...args: unknown[]): void }
}

/**
 * Pushes a node event to the window's main frame on `emr:event`, only while that frame shows an
 * app page: node events never reach a page that is not ours, nor a closed window.
 */
export function createEventPusher(target: PushTarget, urls: AppUrlOptions) {
  return (event: EventName, payload: unknown): void => {
    if (target.isDestroyed()) return
    const frame = target.mainFrame
    if (isTrustedSender(frame, urls)) frame.send(EVENT_CHANNEL, event, payload)
  }
}

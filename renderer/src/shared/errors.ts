import type { ParseKeys } from 'i18next'
import { ApiError } from '../api/emr.ts'

/** What the UI shows about a failure: the node's own message and code, or "cannot reach it". */
export type DisplayError =
  | { kind: 'api'; message: string; code: string; hintKey: ParseKeys | undefined }
  | { kind: 'unreachable' }

// Extra guidance for codes where the user can act; chosen by code, never by message text.
const hintKeys: Partial<Record<string, ParseKeys>> = {
  ERR_NODE_NOT_READY: 'errors.hintNotReady',
  ERR_UNAUTHORIZED: 'errors.hintUnauthorized',
  ERR_CHAIN_UNREACHABLE: 'errors.hintChainUnreachable',
  ERR_DATA_FOLDER_LOCKED: 'errors.hintDataFolderLocked',
}

export function toDisplayError(error: unknown): DisplayError {
  if (error instanceof ApiError) {
    return { kind: 'api', message: error.message, code: error.code, hintKey: hintKeys[error.code] }
  }
  // Anything else failed before the node could answer (bridge down, IPC gone): the browser's
  // own message ("Failed to fetch") would tell a clinician nothing.
  return { kind: 'unreachable' }
}

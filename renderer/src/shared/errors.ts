import type { ParseKeys } from 'i18next'
import type { AccessDeniedCode, ErrorCode } from '../../../electron/node/errors.ts'

// The node's codes, typed from its error table: the renderer compares codes as these types.
export type { AccessDeniedCode, ErrorCode }

/** What the UI shows about a failure: the node's typed error and a hint, or "cannot reach it". */
export type DisplayError =
  ({ kind: 'api'; hintKey: ParseKeys | undefined } & ApiErrorInfo) | { kind: 'unreachable' }

/** The node's typed error as it reaches the renderer; shown translated by code (errorText.ts). */
export interface ApiErrorInfo {
  /** A code of the node's error table: a typo in a code the UI compares is a type error. */
  code: ErrorCode
  /** The node's English message: for logs, and for codes this UI has no sentence for. */
  message: string
  details?: Record<string, string | number>
}

/**
 * The typed error inside anything thrown, or undefined. Not `instanceof ApiError`: in Electron the
 * error crosses the context bridge as a plain `{ name, code, message }` object.
 */
export function apiErrorOf(error: unknown): ApiErrorInfo | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, message, details } = error as {
    code?: unknown
    message?: unknown
    details?: unknown
  }
  if (typeof code !== 'string') return undefined
  // Trusted as the node's: a code this UI does not know is shown by the node's message.
  const info: ApiErrorInfo = {
    code: code as ErrorCode,
    message: typeof message === 'string' ? message : code,
  }
  if (typeof details === 'object' && details !== null)
    info.details = details as ApiErrorInfo['details']
  return info
}

/** The typed error's code, to branch on; never branch on the message text. */
export function errorCode(error: unknown): ErrorCode | undefined {
  return apiErrorOf(error)?.code
}

// Extra guidance for codes where the user can act; chosen by code, never by message text.
const hintKeys: Partial<Record<ErrorCode, ParseKeys>> = {
  ERR_NODE_NOT_READY: 'errors.hintNotReady',
  ERR_UNAUTHORIZED: 'errors.hintUnauthorized',
  ERR_CHAIN_UNREACHABLE: 'errors.hintChainUnreachable',
  ERR_DATA_FOLDER_LOCKED: 'errors.hintDataFolderLocked',
  ERR_TOO_MANY_ATTEMPTS: 'errors.hintTooManyAttempts',
  ERR_VAULT_LOCKED: 'errors.hintVaultLocked',
  ERR_WEAK_PASSPHRASE: 'errors.hintWeakPassphrase',
  ERR_INVALID_KEYSTORE: 'errors.hintInvalidKeystore',
  ERR_INVALID_MNEMONIC: 'errors.hintInvalidMnemonic',
  ERR_ACCOUNT_EXISTS: 'errors.hintAccountExists',
  ERR_ALREADY_REGISTERED: 'errors.hintAlreadyRegistered',
  ERR_UNKNOWN_INSTITUTION: 'errors.hintUnknownInstitution',
  ERR_NOT_INSTITUTION_ADMIN: 'errors.hintNotInstitutionAdmin',
  ERR_NOT_ACTIVE_STAFF: 'errors.hintNotActiveStaff',
  ERR_NOT_PENDING: 'errors.hintNotPending',
  ERR_SIGNATURE_EXPIRED: 'errors.hintSignatureExpired',
  ERR_PATIENT_EXISTS: 'errors.hintPatientExists',
  ERR_INVALID_INPUT: 'errors.hintInvalidInput',
  ERR_ROLE_CANNOT_DECLARE_EMERGENCY: 'errors.hintRoleCannotDeclareEmergency',
  ERR_NODE_SECRET_UNAVAILABLE: 'errors.hintNodeSecretUnavailable',
  ERR_NODE_SECRET_MISMATCH: 'errors.hintNodeSecretMismatch',
}

export function toDisplayError(error: unknown): DisplayError {
  const info = apiErrorOf(error)
  if (info) return { kind: 'api', ...info, hintKey: hintKeys[info.code] }
  // Anything else failed before the node could answer (bridge down, IPC gone): the browser's
  // own message ("Failed to fetch") would tell a clinician nothing.
  return { kind: 'unreachable' }
}

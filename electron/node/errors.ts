/**
 * Typed errors of the hospital node. Every failure that reaches a user is one of these: the UI
 * and the CLI branch on `code`, never on the message text.
 */

/**
 * What the error is about, for the UI's translated sentence (`{{reader}}`, `{{recordId}}`):
 * addresses, numbers, names of things, dates as ISO 8601 text. Never secrets or personal data.
 */
export type ErrorDetails = Record<string, string | number>

/** The wire form of an error, the same over IPC, HTTP and in the CLI. */
export interface ErrorInfo {
  name: string
  code: string
  /** English, for logs and the CLI; the UI shows its own translation of the code. */
  message: string
  details?: ErrorDetails
}

export interface EmrErrorOptions extends ErrorOptions {
  details?: ErrorDetails
}

export class EmrError extends Error {
  readonly code: string
  readonly details: ErrorDetails | undefined

  constructor(name: string, code: string, message: string, options?: EmrErrorOptions) {
    super(message, options)
    this.name = name
    this.code = code
    this.details = options?.details
  }

  toJSON(): ErrorInfo {
    const info: ErrorInfo = { name: this.name, code: this.code, message: this.message }
    if (this.details) info.details = this.details
    return info
  }
}

/** Declares one error class with a stable name, code and default message. */
export function errorClass(name: string, code: string, defaultMessage: string) {
  return class extends EmrError {
    static readonly code = code
    constructor(message = defaultMessage, options?: EmrErrorOptions) {
      super(name, code, message, options)
    }
  }
}

export const InvalidInputError = errorClass(
  'InvalidInputError',
  'ERR_INVALID_INPUT',
  'Invalid input',
)
export const UnknownMethodError = errorClass(
  'UnknownMethodError',
  'ERR_UNKNOWN_METHOD',
  'Unknown method',
)
export const InvalidSettingsError = errorClass(
  'InvalidSettingsError',
  'ERR_INVALID_SETTINGS',
  'The settings file is malformed',
)
/** The site configuration baked into an installer (or given to join) fails its checks. */
export const InvalidSiteConfigError = errorClass(
  'InvalidSiteConfigError',
  'ERR_INVALID_SITE_CONFIG',
  'The site configuration is not valid',
)
export const ChainUnreachableError = errorClass(
  'ChainUnreachableError',
  'ERR_CHAIN_UNREACHABLE',
  'The chain RPC endpoint cannot be reached',
)
/** Other nodes cannot reach this node's chain: it is not served, or at no machine's address. */
export const ChainNotServedError = errorClass(
  'ChainNotServedError',
  'ERR_CHAIN_NOT_SERVED',
  "Other hospitals cannot reach this node's chain",
)
/** The chain's endpoint refused this node: no consortium token, or another network's. */
export const ChainUnauthorizedError = errorClass(
  'ChainUnauthorizedError',
  'ERR_CHAIN_UNAUTHORIZED',
  "The chain refused this node's consortium token",
)
/** The sender's balance cannot pay for a transaction's gas (and value): names both amounts. */
export const InsufficientFundsError = errorClass(
  'InsufficientFundsError',
  'ERR_INSUFFICIENT_FUNDS',
  'The account cannot pay for this transaction',
)
export const ContractNotFoundError = errorClass(
  'ContractNotFoundError',
  'ERR_CONTRACT_NOT_FOUND',
  'No contract code at the configured address',
)
/** A site configuration names a chain id the endpoint does not have. */
export const ChainIdMismatchError = errorClass(
  'ChainIdMismatchError',
  'ERR_CHAIN_ID_MISMATCH',
  'The chain does not have the chain id the site configuration names',
)
/** Code at the registry address, but not an EMR Node registry (another contract, another version). */
export const NotARegistryError = errorClass(
  'NotARegistryError',
  'ERR_NOT_A_REGISTRY',
  'The contract at the registry address is not an EMR Node registry',
)
export const ContractRevertedError = errorClass(
  'ContractRevertedError',
  'ERR_CONTRACT_REVERTED',
  'The contract refused the transaction',
)
export const InvalidSwarmKeyError = errorClass(
  'InvalidSwarmKeyError',
  'ERR_INVALID_SWARM_KEY',
  'The swarm key is not a valid pre-shared key',
)
export const DataFolderLockedError = errorClass(
  'DataFolderLockedError',
  'ERR_DATA_FOLDER_LOCKED',
  'The data folder is in use by another instance',
)
export const NodeNotReadyError = errorClass(
  'NodeNotReadyError',
  'ERR_NODE_NOT_READY',
  'The node is not started',
)
export const UnauthorizedError = errorClass(
  'UnauthorizedError',
  'ERR_UNAUTHORIZED',
  'Missing or wrong session token',
)
export const ContentNotFoundError = errorClass(
  'ContentNotFoundError',
  'ERR_CONTENT_NOT_FOUND',
  'The content could not be fetched from IPFS in time',
)
export const PeerUnreachableError = errorClass(
  'PeerUnreachableError',
  'ERR_PEER_UNREACHABLE',
  'The IPFS peer cannot be reached or does not share our swarm key',
)
export const IpfsPortUnavailableError = errorClass(
  'IpfsPortUnavailableError',
  'ERR_IPFS_PORT_UNAVAILABLE',
  'The IPFS listen port cannot be opened',
)
export const InternalError = errorClass('InternalError', 'ERR_INTERNAL', 'Internal error')
export const WrongPassphraseError = errorClass(
  'WrongPassphraseError',
  'ERR_WRONG_PASSPHRASE',
  'The passphrase is wrong',
)
export const TooManyAttemptsError = errorClass(
  'TooManyAttemptsError',
  'ERR_TOO_MANY_ATTEMPTS',
  'Too many wrong passphrases: wait a moment and try again',
)
export const AccountNotFoundError = errorClass(
  'AccountNotFoundError',
  'ERR_ACCOUNT_NOT_FOUND',
  'No such account on this workstation',
)
export const AccountExistsError = errorClass(
  'AccountExistsError',
  'ERR_ACCOUNT_EXISTS',
  'This account is already on this workstation',
)
export const InvalidKeystoreError = errorClass(
  'InvalidKeystoreError',
  'ERR_INVALID_KEYSTORE',
  'Not a valid encrypted key file',
)
export const InvalidMnemonicError = errorClass(
  'InvalidMnemonicError',
  'ERR_INVALID_MNEMONIC',
  'Not a valid recovery phrase',
)
export const VaultLockedError = errorClass(
  'VaultLockedError',
  'ERR_VAULT_LOCKED',
  'No one is signed in, or the session has expired',
)
export const WeakPassphraseError = errorClass(
  'WeakPassphraseError',
  'ERR_WEAK_PASSPHRASE',
  'The passphrase is too short',
)
export const KeyUnwrapError = errorClass(
  'KeyUnwrapError',
  'ERR_KEY_UNWRAP',
  'The record key cannot be unwrapped with this encryption key',
)
export const PatientExistsError = errorClass(
  'PatientExistsError',
  'ERR_PATIENT_EXISTS',
  'A patient with this medical record number is already registered',
)
export const SetupDoneError = errorClass(
  'SetupDoneError',
  'ERR_SETUP_DONE',
  'This network is already set up',
)
export const NotPermittedError = errorClass(
  'NotPermittedError',
  'ERR_NOT_PERMITTED',
  'The signed-in account may not do this',
)
/** The api's permission table refuses the signed-in account this method (api/permissions.ts). */
export const ForbiddenError = errorClass(
  'ForbiddenError',
  'ERR_FORBIDDEN',
  'The signed-in account may not call this',
)
export const NotRegisteredPatientError = errorClass(
  'NotRegisteredPatientError',
  'ERR_NOT_REGISTERED_PATIENT',
  'The account is not a registered patient',
)
export const NotActiveStaffError = errorClass(
  'NotActiveStaffError',
  'ERR_NOT_ACTIVE_STAFF',
  'The account is not active staff',
)
export const NotAnchoredError = errorClass(
  'NotAnchoredError',
  'ERR_NOT_ANCHORED',
  'No record on chain has this CID',
)
export const DuplicateRecordError = errorClass(
  'DuplicateRecordError',
  'ERR_DUPLICATE_RECORD',
  'This content is already anchored',
)
export const NoRecordKeyError = errorClass(
  'NoRecordKeyError',
  'ERR_NO_RECORD_KEY',
  'This record version holds no key for the signed-in account',
)
export const UploadNotFoundError = errorClass(
  'UploadNotFoundError',
  'ERR_UPLOAD_NOT_FOUND',
  'No upload in progress with this id',
)
export const EmptyFileError = errorClass(
  'EmptyFileError',
  'ERR_EMPTY_FILE',
  'The file is empty: an empty record cannot be anchored',
)
export const UploadFileMismatchError = errorClass(
  'UploadFileMismatchError',
  'ERR_UPLOAD_FILE_MISMATCH',
  'This is not the file the upload was started with',
)
export const TamperedContentError = errorClass(
  'TamperedContentError',
  'ERR_TAMPERED',
  'The record failed verification: it was altered or is incomplete',
)

export const FileNotFoundError = errorClass(
  'FileNotFoundError',
  'ERR_FILE_NOT_FOUND',
  'No such file',
)
export const FileExistsError = errorClass(
  'FileExistsError',
  'ERR_FILE_EXISTS',
  'The file already exists: pass --force to overwrite it',
)
export const NotAFileError = errorClass(
  'NotAFileError',
  'ERR_NOT_A_FILE',
  'The path is a folder, not a file',
)

/** Converts anything thrown into the wire form, hiding internals of unexpected errors. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof EmrError) return error.toJSON()
  return new InternalError().toJSON()
}
export const ConsentMismatchError = errorClass(
  'ConsentMismatchError',
  'ERR_CONSENT_MISMATCH',
  "The keystore given as the patient's consent belongs to another account",
)
export const AuditNothingToAnchorError = errorClass(
  'AuditNothingToAnchorError',
  'ERR_AUDIT_NOTHING_TO_ANCHOR',
  'The read log has no entries since its last anchor',
)
/** The same code as the registry's revert, so the UI has one code whichever refused first. */
export const RoleCannotDeclareEmergencyError = errorClass(
  'RoleCannotDeclareEmergencyError',
  'ERR_ROLE_CANNOT_DECLARE_EMERGENCY',
  "The signed-in staff member's role may not declare an emergency at their institution",
)
export const InvalidNodeSecretError = errorClass(
  'InvalidNodeSecretError',
  'ERR_INVALID_NODE_SECRET',
  'The node secret is too short to protect keys',
)
export const NodeSecretMismatchError = errorClass(
  'NodeSecretMismatchError',
  'ERR_NODE_SECRET_MISMATCH',
  "The key was sealed by another node's secret, or the sealed key was altered",
)
export const NodeSecretUnavailableError = errorClass(
  'NodeSecretUnavailableError',
  'ERR_NODE_SECRET_UNAVAILABLE',
  'This node has no protected secret (OS keychain or EMR_NODE_SECRET): automatic release is unavailable',
)
/** A version this node re-keyed (access/rotation.ts): its content is gone here, its copy is not. */
export const VersionRekeyedError = errorClass(
  'VersionRekeyedError',
  'ERR_VERSION_REKEYED',
  'This version was re-keyed: open the version that replaced it',
)

/** Why the chain refuses a reader (`accessStatus`), one code each; the UI says what to do next. */
const accessDenials = {
  'not-registered': [
    'ERR_ACCESS_NOT_REGISTERED',
    'is not registered on the network, or still awaits approval',
  ],
  suspended: ['ERR_ACCESS_SUSPENDED', 'is suspended by their institution'],
  'never-granted': ['ERR_ACCESS_NEVER_GRANTED', 'has never been granted access by the patient'],
  expired: ['ERR_ACCESS_EXPIRED', 'holds a grant from the patient that has expired'],
  revoked: ['ERR_ACCESS_REVOKED', 'had access, which the patient revoked'],
  restricted: ['ERR_ACCESS_RESTRICTED', 'may not read this record: the patient restricted it'],
} as const
export type AccessDenialReason = keyof typeof accessDenials

/** Every access-denial code, for the UI's translations (test/unit/error-translations.test.ts). */
export const accessDenialCodes: readonly string[] = Object.values(accessDenials).map(
  ([code]) => code,
)

export function accessDeniedError(
  reason: AccessDenialReason,
  reader: string,
  recordId: number,
): EmrError {
  const [code, sentence] = accessDenials[reason]
  return new EmrError('AccessDeniedError', code, `${reader} ${sentence} (record ${recordId}).`, {
    details: { reader, recordId },
  })
}

/**
 * Typed errors of the hospital node. Every failure that reaches a user is one of these: the UI
 * and the CLI branch on `code`, never on the message text.
 */

/**
 * Every code the node sends, in one table: `ErrorCode` is its keys, the UI translates each one
 * (renderer/src/i18n; test/unit/error-translations.test.ts checks both languages) and branches on
 * them typed. An entry is
 * - `name` and `message`: a failure of the node, thrown by the class of that name (declared
 *   below with `errorClass`), with its default English message;
 * - `denial`: the chain refuses a reader a record (`accessStatus`), thrown as an
 *   `AccessDeniedError` with that reason; `message` ends the sentence that names the reader;
 * - `revert`: the registry's custom error of that name (contracts/IEMRRegistry.sol), thrown as a
 *   `ContractError`; its English sentence, built from the error's arguments, is in
 *   chain/contract-errors.ts. The unit test holds these to the compiled ABI, both ways. A code can
 *   be both a node failure and a revert: the node refuses early what the chain would refuse.
 */
export const errorTable = {
  ERR_INVALID_INPUT: { name: 'InvalidInputError', message: 'Invalid input' },
  ERR_UNKNOWN_METHOD: { name: 'UnknownMethodError', message: 'Unknown method' },
  ERR_INVALID_SETTINGS: { name: 'InvalidSettingsError', message: 'The settings file is malformed' },
  ERR_INVALID_SITE_CONFIG: {
    name: 'InvalidSiteConfigError',
    message: 'The site configuration is not valid',
  },
  ERR_CHAIN_UNREACHABLE: {
    name: 'ChainUnreachableError',
    message: 'The chain RPC endpoint cannot be reached',
  },
  ERR_CHAIN_NOT_SERVED: {
    name: 'ChainNotServedError',
    message: "Other hospitals cannot reach this node's chain",
  },
  ERR_CHAIN_UNAUTHORIZED: {
    name: 'ChainUnauthorizedError',
    message: "The chain refused this node's consortium token",
  },
  ERR_INSUFFICIENT_FUNDS: {
    name: 'InsufficientFundsError',
    message: 'The account cannot pay for this transaction',
  },
  ERR_CONTRACT_NOT_FOUND: {
    name: 'ContractNotFoundError',
    message: 'No contract code at the configured address',
  },
  ERR_CHAIN_ID_MISMATCH: {
    name: 'ChainIdMismatchError',
    message: 'The chain does not have the chain id the site configuration names',
  },
  ERR_NOT_A_REGISTRY: {
    name: 'NotARegistryError',
    message: 'The contract at the registry address is not an EMR Node registry',
  },
  ERR_CONTRACT_REVERTED: {
    name: 'ContractRevertedError',
    message: 'The contract refused the transaction',
  },
  ERR_INVALID_SWARM_KEY: {
    name: 'InvalidSwarmKeyError',
    message: 'The swarm key is not a valid pre-shared key',
  },
  ERR_DATA_FOLDER_LOCKED: {
    name: 'DataFolderLockedError',
    message: 'The data folder is in use by another instance',
  },
  ERR_NODE_NOT_READY: { name: 'NodeNotReadyError', message: 'The node is not started' },
  ERR_UNAUTHORIZED: { name: 'UnauthorizedError', message: 'Missing or wrong session token' },
  ERR_CONTENT_NOT_FOUND: {
    name: 'ContentNotFoundError',
    message: 'The content could not be fetched from IPFS in time',
  },
  ERR_PEER_UNREACHABLE: {
    name: 'PeerUnreachableError',
    message: 'The IPFS peer cannot be reached or does not share our swarm key',
  },
  ERR_IPFS_PORT_UNAVAILABLE: {
    name: 'IpfsPortUnavailableError',
    message: 'The IPFS listen port cannot be opened',
  },
  ERR_INTERNAL: { name: 'InternalError', message: 'Internal error' },
  ERR_WRONG_PASSPHRASE: { name: 'WrongPassphraseError', message: 'The passphrase is wrong' },
  ERR_TOO_MANY_ATTEMPTS: {
    name: 'TooManyAttemptsError',
    message: 'Too many wrong passphrases: wait a moment and try again',
  },
  ERR_ACCOUNT_NOT_FOUND: {
    name: 'AccountNotFoundError',
    message: 'No such account on this workstation',
  },
  ERR_ACCOUNT_EXISTS: {
    name: 'AccountExistsError',
    message: 'This account is already on this workstation',
  },
  ERR_INVALID_KEYSTORE: { name: 'InvalidKeystoreError', message: 'Not a valid encrypted key file' },
  ERR_INVALID_MNEMONIC: { name: 'InvalidMnemonicError', message: 'Not a valid recovery phrase' },
  ERR_VAULT_LOCKED: {
    name: 'VaultLockedError',
    message: 'No one is signed in, or the session has expired',
  },
  ERR_WEAK_PASSPHRASE: { name: 'WeakPassphraseError', message: 'The passphrase is too short' },
  ERR_KEY_UNWRAP: {
    name: 'KeyUnwrapError',
    message: 'The record key cannot be unwrapped with this encryption key',
  },
  ERR_PATIENT_EXISTS: {
    name: 'PatientExistsError',
    message: 'A patient with this medical record number is already registered',
  },
  ERR_SETUP_DONE: { name: 'SetupDoneError', message: 'This network is already set up' },
  ERR_NOT_PERMITTED: {
    name: 'NotPermittedError',
    message: 'The signed-in account may not do this',
  },
  ERR_FORBIDDEN: { name: 'ForbiddenError', message: 'The signed-in account may not call this' },
  ERR_NOT_REGISTERED_PATIENT: {
    name: 'NotRegisteredPatientError',
    message: 'The account is not a registered patient',
    revert: 'NotRegisteredPatient',
  },
  ERR_NOT_ACTIVE_STAFF: {
    name: 'NotActiveStaffError',
    message: 'The account is not active staff',
    revert: 'NotActiveStaff',
  },
  ERR_NOT_ANCHORED: { name: 'NotAnchoredError', message: 'No record on chain has this CID' },
  ERR_DUPLICATE_RECORD: {
    name: 'DuplicateRecordError',
    message: 'This content is already anchored',
  },
  ERR_NO_RECORD_KEY: {
    name: 'NoRecordKeyError',
    message: 'This record version holds no key for the signed-in account',
  },
  ERR_UPLOAD_NOT_FOUND: {
    name: 'UploadNotFoundError',
    message: 'No upload in progress with this id',
  },
  ERR_EMPTY_FILE: {
    name: 'EmptyFileError',
    message: 'The file is empty: an empty record cannot be anchored',
  },
  ERR_UPLOAD_FILE_MISMATCH: {
    name: 'UploadFileMismatchError',
    message: 'This is not the file the upload was started with',
  },
  ERR_TAMPERED: {
    name: 'TamperedContentError',
    message: 'The record failed verification: it was altered or is incomplete',
  },
  ERR_FILE_NOT_FOUND: { name: 'FileNotFoundError', message: 'No such file' },
  ERR_FILE_EXISTS: {
    name: 'FileExistsError',
    message: 'The file already exists: pass --force to overwrite it',
  },
  ERR_NOT_A_FILE: { name: 'NotAFileError', message: 'The path is a folder, not a file' },
  ERR_CONSENT_MISMATCH: {
    name: 'ConsentMismatchError',
    message: "The keystore given as the patient's consent belongs to another account",
  },
  ERR_AUDIT_NOTHING_TO_ANCHOR: {
    name: 'AuditNothingToAnchorError',
    message: 'The read log has no entries since its last anchor',
  },
  // The same code as the registry's revert, so the UI has one code whichever refused first.
  ERR_ROLE_CANNOT_DECLARE_EMERGENCY: {
    name: 'RoleCannotDeclareEmergencyError',
    message: "The signed-in staff member's role may not declare an emergency at their institution",
    revert: 'RoleCannotDeclareEmergency',
  },
  ERR_INVALID_NODE_SECRET: {
    name: 'InvalidNodeSecretError',
    message: 'The node secret is too short to protect keys',
  },
  ERR_NODE_SECRET_MISMATCH: {
    name: 'NodeSecretMismatchError',
    message: "The key was sealed by another node's secret, or the sealed key was altered",
  },
  ERR_NODE_SECRET_UNAVAILABLE: {
    name: 'NodeSecretUnavailableError',
    message:
      'This node has no protected secret (OS keychain or EMR_NODE_SECRET): automatic release is unavailable',
  },
  ERR_VERSION_REKEYED: {
    name: 'VersionRekeyedError',
    message: 'This version was re-keyed: open the version that replaced it',
  },

  // Why the chain refuses a reader (`accessStatus`), one code each; the UI says what to do next.
  ERR_ACCESS_NOT_REGISTERED: {
    denial: 'not-registered',
    message: 'is not registered on the network, or still awaits approval',
  },
  ERR_ACCESS_SUSPENDED: { denial: 'suspended', message: 'is suspended by their institution' },
  ERR_ACCESS_NEVER_GRANTED: {
    denial: 'never-granted',
    message: 'has never been granted access by the patient',
  },
  ERR_ACCESS_EXPIRED: {
    denial: 'expired',
    message: 'holds a grant from the patient that has expired',
  },
  ERR_ACCESS_REVOKED: { denial: 'revoked', message: 'had access, which the patient revoked' },
  ERR_ACCESS_RESTRICTED: {
    denial: 'restricted',
    message: 'may not read this record: the patient restricted it',
  },

  // The registry's custom errors, code `ERR_` and the name in upper snake case.
  ERR_NOT_GOVERNOR: { revert: 'NotGovernor' },
  ERR_INVALID_ACCOUNT: { revert: 'InvalidAccount' },
  ERR_EMPTY_NAME: { revert: 'EmptyName' },
  ERR_UNKNOWN_INSTITUTION: { revert: 'UnknownInstitution' },
  ERR_ALREADY_REGISTERED: { revert: 'AlreadyRegistered' },
  ERR_INVALID_ROLE: { revert: 'InvalidRole' },
  ERR_EMPTY_COMMITMENT: { revert: 'EmptyCommitment' },
  ERR_INVALID_ENCRYPTION_KEY: { revert: 'InvalidEncryptionKey' },
  ERR_NOT_INSTITUTION_ADMIN: { revert: 'NotInstitutionAdmin' },
  ERR_NOT_PENDING: { revert: 'NotPending' },
  ERR_NOT_SUSPENDED: { revert: 'NotSuspended' },
  ERR_CANNOT_SUSPEND_SELF: { revert: 'CannotSuspendSelf' },
  ERR_UNKNOWN_RECORD: { revert: 'UnknownRecord' },
  ERR_CID_ALREADY_ANCHORED: { revert: 'CidAlreadyAnchored' },
  ERR_INVALID_CID: { revert: 'InvalidCid' },
  ERR_NOT_RECORD_PATIENT: { revert: 'NotRecordPatient' },
  ERR_ACCESS_DENIED: { revert: 'AccessDenied' },
  ERR_SIGNATURE_EXPIRED: { revert: 'SignatureExpired' },
  ERR_INVALID_SIGNATURE: { revert: 'InvalidSignature' },
  ERR_INVALID_EXPIRY: { revert: 'InvalidExpiry' },
  ERR_NOT_GRANTED: { revert: 'NotGranted' },
  ERR_INVALID_REASON_CODE: { revert: 'InvalidReasonCode' },
  ERR_NO_ACTIVE_EMERGENCY: { revert: 'NoActiveEmergency' },
  ERR_INVALID_ROLE_MASK: { revert: 'InvalidRoleMask' },
  ERR_NOT_EMERGENCY_RELEASER: { revert: 'NotEmergencyReleaser' },
  ERR_ROLE_CANNOT_ANCHOR: { revert: 'RoleCannotAnchor' },
  ERR_NOT_CUSTODIAN_STAFF: { revert: 'NotCustodianStaff' },
  ERR_UNKNOWN_VERSION: { revert: 'UnknownVersion' },
  ERR_ALREADY_ENTERED_IN_ERROR: { revert: 'AlreadyEnteredInError' },
  ERR_INVALID_ERROR_REASON: { revert: 'InvalidErrorReason' },
  ERR_PATIENT_KEY_RETIRED: { revert: 'PatientKeyRetired' },
} as const

type ErrorTable = typeof errorTable

/** A code the node can send; a typo in one is a type error, here and in the renderer. */
export type ErrorCode = keyof ErrorTable

/** The codes whose entry has `field`. */
type CodeWith<F extends string> = {
  [C in ErrorCode]: ErrorTable[C] extends Record<F, unknown> ? C : never
}[ErrorCode]

/** The codes of the node's own error classes (`errorClass`). */
export type NodeErrorCode = CodeWith<'name'>
export type AccessDeniedCode = CodeWith<'denial'>
/** Why the chain refuses a reader, as `accessStatus` names it (`AccessStatusName` but `allowed`). */
export type AccessDenialReason = ErrorTable[AccessDeniedCode]['denial']
export type ContractErrorCode = CodeWith<'revert'>
/** The name of one of the registry's custom errors. */
export type ContractErrorName = ErrorTable[ContractErrorCode]['revert']

export const errorCodes = Object.keys(errorTable) as readonly ErrorCode[]

/** The code of each value of `field` (`revoked` -> `ERR_ACCESS_REVOKED`). */
function codesBy(field: 'denial' | 'revert'): Record<string, ErrorCode> {
  return Object.fromEntries(
    Object.entries(errorTable).flatMap(([code, entry]) =>
      field in entry ? [[(entry as Record<typeof field, string>)[field], code]] : [],
    ),
  ) as Record<string, ErrorCode>
}

export const accessDeniedCodes = codesBy('denial') as Readonly<
  Record<AccessDenialReason, AccessDeniedCode>
>
export const contractErrorCodes = codesBy('revert') as Readonly<
  Record<ContractErrorName, ContractErrorCode>
>

/**
 * What the error is about, for the UI's translated sentence (`{{reader}}`, `{{recordId}}`):
 * addresses, numbers, names of things, dates as ISO 8601 text. Never secrets or personal data.
 */
export type ErrorDetails = Record<string, string | number>

/** The wire form of an error, the same over IPC, HTTP and in the CLI. */
export interface ErrorInfo {
  name: string
  code: ErrorCode
  /** English, for logs and the CLI; the UI shows its own translation of the code. */
  message: string
  details?: ErrorDetails
}

export interface EmrErrorOptions extends ErrorOptions {
  details?: ErrorDetails
}

export class EmrError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetails | undefined

  constructor(name: string, code: ErrorCode, message: string, options?: EmrErrorOptions) {
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

/** Declares the error class of a code of the table, with the table's name and default message. */
export function errorClass<C extends NodeErrorCode>(code: C) {
  const { name, message: defaultMessage } = errorTable[code]
  return class extends EmrError {
    static readonly code: C = code
    constructor(message: string = defaultMessage, options?: EmrErrorOptions) {
      super(name, code, message, options)
    }
  }
}

export const InvalidInputError = errorClass('ERR_INVALID_INPUT')
export const UnknownMethodError = errorClass('ERR_UNKNOWN_METHOD')
export const InvalidSettingsError = errorClass('ERR_INVALID_SETTINGS')
/** The site configuration baked into an installer (or given to join) fails its checks. */
export const InvalidSiteConfigError = errorClass('ERR_INVALID_SITE_CONFIG')
export const ChainUnreachableError = errorClass('ERR_CHAIN_UNREACHABLE')
/** Other nodes cannot reach this node's chain: it is not served, or at no machine's address. */
export const ChainNotServedError = errorClass('ERR_CHAIN_NOT_SERVED')
/** The chain's endpoint refused this node: no consortium token, or another network's. */
export const ChainUnauthorizedError = errorClass('ERR_CHAIN_UNAUTHORIZED')
/** The sender's balance cannot pay for a transaction's gas (and value): names both amounts. */
export const InsufficientFundsError = errorClass('ERR_INSUFFICIENT_FUNDS')
export const ContractNotFoundError = errorClass('ERR_CONTRACT_NOT_FOUND')
/** A site configuration names a chain id the endpoint does not have. */
export const ChainIdMismatchError = errorClass('ERR_CHAIN_ID_MISMATCH')
/** Code at the registry address, but not an EMR Node registry (another contract, another version). */
export const NotARegistryError = errorClass('ERR_NOT_A_REGISTRY')
export const ContractRevertedError = errorClass('ERR_CONTRACT_REVERTED')
export const InvalidSwarmKeyError = errorClass('ERR_INVALID_SWARM_KEY')
export const DataFolderLockedError = errorClass('ERR_DATA_FOLDER_LOCKED')
export const NodeNotReadyError = errorClass('ERR_NODE_NOT_READY')
export const UnauthorizedError = errorClass('ERR_UNAUTHORIZED')
export const ContentNotFoundError = errorClass('ERR_CONTENT_NOT_FOUND')
export const PeerUnreachableError = errorClass('ERR_PEER_UNREACHABLE')
export const IpfsPortUnavailableError = errorClass('ERR_IPFS_PORT_UNAVAILABLE')
export const InternalError = errorClass('ERR_INTERNAL')
export const WrongPassphraseError = errorClass('ERR_WRONG_PASSPHRASE')
export const TooManyAttemptsError = errorClass('ERR_TOO_MANY_ATTEMPTS')
export const AccountNotFoundError = errorClass('ERR_ACCOUNT_NOT_FOUND')
export const AccountExistsError = errorClass('ERR_ACCOUNT_EXISTS')
export const InvalidKeystoreError = errorClass('ERR_INVALID_KEYSTORE')
export const InvalidMnemonicError = errorClass('ERR_INVALID_MNEMONIC')
export const VaultLockedError = errorClass('ERR_VAULT_LOCKED')
export const WeakPassphraseError = errorClass('ERR_WEAK_PASSPHRASE')
export const KeyUnwrapError = errorClass('ERR_KEY_UNWRAP')
export const PatientExistsError = errorClass('ERR_PATIENT_EXISTS')
export const SetupDoneError = errorClass('ERR_SETUP_DONE')
export const NotPermittedError = errorClass('ERR_NOT_PERMITTED')
/** The api's permission table refuses the signed-in account this method (api/permissions.ts). */
export const ForbiddenError = errorClass('ERR_FORBIDDEN')
export const NotRegisteredPatientError = errorClass('ERR_NOT_REGISTERED_PATIENT')
export const NotActiveStaffError = errorClass('ERR_NOT_ACTIVE_STAFF')
export const NotAnchoredError = errorClass('ERR_NOT_ANCHORED')
export const DuplicateRecordError = errorClass('ERR_DUPLICATE_RECORD')
export const NoRecordKeyError = errorClass('ERR_NO_RECORD_KEY')
export const UploadNotFoundError = errorClass('ERR_UPLOAD_NOT_FOUND')
export const EmptyFileError = errorClass('ERR_EMPTY_FILE')
export const UploadFileMismatchError = errorClass('ERR_UPLOAD_FILE_MISMATCH')
export const TamperedContentError = errorClass('ERR_TAMPERED')

export const FileNotFoundError = errorClass('ERR_FILE_NOT_FOUND')
export const FileExistsError = errorClass('ERR_FILE_EXISTS')
export const NotAFileError = errorClass('ERR_NOT_A_FILE')

export const ConsentMismatchError = errorClass('ERR_CONSENT_MISMATCH')
export const AuditNothingToAnchorError = errorClass('ERR_AUDIT_NOTHING_TO_ANCHOR')
export const RoleCannotDeclareEmergencyError = errorClass('ERR_ROLE_CANNOT_DECLARE_EMERGENCY')
export const InvalidNodeSecretError = errorClass('ERR_INVALID_NODE_SECRET')
export const NodeSecretMismatchError = errorClass('ERR_NODE_SECRET_MISMATCH')
export const NodeSecretUnavailableError = errorClass('ERR_NODE_SECRET_UNAVAILABLE')
/** A version this node re-keyed (access/rotation.ts): its content is gone here, its copy is not. */
export const VersionRekeyedError = errorClass('ERR_VERSION_REKEYED')

/**
 * The chain refuses `reader` a record: `reason` is `accessStatus`'s answer, the code one per
 * reason (`ERR_ACCESS_REVOKED`), the details the reader and the record.
 */
export class AccessDeniedError extends EmrError {
  readonly reason: AccessDenialReason

  constructor(reason: AccessDenialReason, reader: string, recordId: number) {
    const code = accessDeniedCodes[reason]
    const message = `${reader} ${errorTable[code].message} (record ${recordId}).`
    super('AccessDeniedError', code, message, { details: { reader, recordId } })
    this.reason = reason
  }
}

/**
 * The registry refused a call with one of its custom errors: `reason` is the error's name in the
 * contract, the code its entry in the table. On the wire it keeps the name ContractRevertedError,
 * like a revert the node cannot name (`ContractRevertedError`, `ERR_CONTRACT_REVERTED`).
 */
export class ContractError extends EmrError {
  readonly reason: ContractErrorName

  constructor(reason: ContractErrorName, message: string, options?: EmrErrorOptions) {
    super('ContractRevertedError', contractErrorCodes[reason], message, options)
    this.reason = reason
  }
}

/** Converts anything thrown into the wire form, hiding internals of unexpected errors. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof EmrError) return error.toJSON()
  return new InternalError().toJSON()
}

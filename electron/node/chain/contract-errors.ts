import type { Result } from 'ethers'
import {
  ContractError,
  ContractRevertedError,
  contractErrorCodes,
  type ContractErrorName,
  type EmrError,
  type ErrorCode,
  type ErrorDetails,
} from '../errors.ts'
import { staffRoles } from '../identity/schemas.ts'

type Describe = (args: Result) => string

/**
 * A clear English sentence for each custom error of the registry, from its arguments; one for
 * every `revert` of the error table (errors.ts), or the type-check fails. The UI shows its own
 * translation of the code (`AlreadyRegistered` -> `ERR_ALREADY_REGISTERED`).
 */
const descriptions: { readonly [N in ContractErrorName]: Describe } = {
  NotGovernor: ([caller]) => `${caller} is not the network's governor.`,
  InvalidAccount: ([account]) => `${account} cannot be used here.`,
  EmptyName: () => 'An institution needs a name.',
  UnknownInstitution: ([id]) => `There is no institution ${id} on this network.`,
  AlreadyRegistered: ([account]) => `${account} is already registered.`,
  InvalidRole: ([role]) => `${role} is not a staff role.`,
  EmptyCommitment: () => 'The identity commitment is missing.',
  InvalidEncryptionKey: () => 'The encryption public key is not a compressed secp256k1 key.',
  NotInstitutionAdmin: ([caller, id]) =>
    `${caller} is not an active administrator of institution ${id}.`,
  NotPending: ([account]) => `${account} has no registration waiting for approval.`,
  NotActiveStaff: ([account]) =>
    `${account} is not active staff (not registered, awaiting approval, or suspended).`,
  NotSuspended: ([account]) => `${account} is not suspended.`,
  CannotSuspendSelf: () => 'Administrators cannot suspend themselves.',
  NotRegisteredPatient: ([account]) => `${account} is not a registered patient.`,
  UnknownRecord: ([id]) => `There is no record ${id}.`,
  CidAlreadyAnchored: ([recordId, version]) =>
    `This content is already anchored as record ${recordId}, version ${version}.`,
  InvalidCid: ([prefix]) =>
    `${prefix} does not start a binary CIDv1 with a 32-byte digest, the form records anchor.`,
  NotRecordPatient: ([account, id]) => `${account} is not the patient of record ${id}.`,
  AccessDenied: ([reader, id]) => `${reader} may not read record ${id}.`,
  SignatureExpired: ([deadline]) =>
    `The signature expired at ${new Date(Number(deadline) * 1000).toISOString()}.`,
  InvalidSignature: () => 'The signature does not match the account it speaks for.',
  InvalidExpiry: ([expiry]) => `The expiry ${expiry} is in the past.`,
  NotGranted: ([patient, reader]) => `${patient} has no grant to ${reader} to revoke.`,
  InvalidReasonCode: ([code]) => `${code} is not an emergency reason code.`,
  NoActiveEmergency: ([patient, staff]) =>
    `${staff} has no emergency declared on ${patient} that is still running.`,
  InvalidRoleMask: ([mask]) => `${mask} holds a bit that is not a staff role.`,
  RoleCannotDeclareEmergency: ([account, role]) =>
    `${account} holds role ${role}, which may not declare an emergency at this institution.`,
  NotEmergencyReleaser: ([caller, id]) =>
    `${caller} is neither an administrator nor the emergency releaser of institution ${id}.`,
  RoleCannotAnchor: ([account]) => `${account} is an auditor: auditors do not anchor records.`,
  NotCustodianStaff: ([account, recordId, id]) =>
    `${account} is not active staff of institution ${id}, which holds record ${recordId}.`,
  UnknownVersion: ([recordId, version]) => `Record ${recordId} has no version ${version}.`,
  AlreadyEnteredInError: ([recordId, version]) =>
    `Version ${version} of record ${recordId} is already marked entered in error.`,
  InvalidErrorReason: ([reason]) => `${reason} is not an entered-in-error reason code.`,
  PatientKeyRetired: ([account]) =>
    `${account} no longer speaks for its patient: the patient's key was re-issued.`,
}

/** The code of the registry's custom error `name`, or undefined for a name the table lacks. */
export function contractErrorCode(name: string): ErrorCode | undefined {
  return isContractErrorName(name) ? contractErrorCodes[name] : undefined
}

function isContractErrorName(name: string): name is ContractErrorName {
  return Object.hasOwn(contractErrorCodes, name)
}

/**
 * The typed error for a registry revert, named after the contract's custom error. A name the
 * error table lacks (the unit test keeps the table equal to the ABI) is a plain revert.
 */
export function contractError(name: string, args: Result): EmrError {
  const details = detailsOf(args)
  if (!isContractErrorName(name)) {
    return new ContractRevertedError(`The contract refused the transaction: ${name}.`, { details })
  }
  return new ContractError(name, descriptions[name](args), { details })
}

// Arguments that are Unix times on chain; the UI formats them as dates in its own language.
const timeArguments = new Set(['deadline', 'expiry'])

/**
 * The error's arguments by their names in the contract's interface (`reader`, `recordId`), for
 * the UI's translated sentence. Numbers become numbers, times ISO 8601 text.
 */
export function detailsOf(args: Result): ErrorDetails | undefined {
  let named: Record<string, unknown>
  try {
    named = args.toObject()
  } catch {
    return undefined // an argument without a name: the interface is not ours
  }
  const entries = Object.entries(named).map(([key, value]): [string, string | number] => {
    if (typeof value !== 'bigint') return [key, String(value)]
    if (timeArguments.has(key)) return [key, new Date(Number(value) * 1000).toISOString()]
    // StaffRole counts from None = 0; the UI translates the role's name.
    if (key === 'role') return [key, staffRoles[Number(value) - 1] ?? value.toString()]
    return [key, value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString()]
  })
  return entries.length > 0 ? Object.fromEntries(entries) : undefined
}

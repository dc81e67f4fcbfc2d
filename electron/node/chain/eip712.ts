/**
 * The patient consents that staff or anyone relay to the registry (the `…BySig` functions), and
 * a re-issued key's proof of possession, as EIP-712 typed data. These `types` are the single source of the type strings: the typehashes in
 * `contracts/EMRRegistry.sol` must spell exactly what `TypedDataEncoder.encodeType` makes of them.
 */
import {
  Signature,
  type BigNumberish,
  type BytesLike,
  type Signer,
  type TypedDataDomain,
  type TypedDataField,
} from 'ethers'

export const REGISTRY_DOMAIN_NAME = 'EMRRegistry'
export const REGISTRY_DOMAIN_VERSION = '1'

/** One entry per `…BySig` function, keyed by its primary type. */
export const registryTypes = {
  RegisterPatient: [
    { name: 'commitment', type: 'bytes20' },
    { name: 'encryptionPublicKey', type: 'bytes' },
    { name: 'deadline', type: 'uint256' },
  ],
  GrantAccess: [
    { name: 'patient', type: 'address' },
    { name: 'reader', type: 'address' },
    { name: 'expiry', type: 'uint64' },
    { name: 'keyBundleCid', type: 'bytes' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  RevokeAccess: [
    { name: 'patient', type: 'address' },
    { name: 'reader', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  SetRecordRestricted: [
    { name: 'patient', type: 'address' },
    { name: 'recordId', type: 'uint64' },
    { name: 'restricted', type: 'bool' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
  ReissuePatientKey: [
    { name: 'patient', type: 'address' },
    { name: 'newKey', type: 'address' },
    { name: 'encryptionPublicKey', type: 'bytes' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const

export type RegistryPrimaryType = keyof typeof registryTypes

export interface PatientRegistration {
  commitment: BytesLike
  encryptionPublicKey: BytesLike
  deadline: BigNumberish
}

export interface AccessGrant {
  patient: string
  reader: string
  /** Unix seconds; 0 = no expiry. */
  expiry: BigNumberish
  keyBundleCid: BytesLike
  nonce: BigNumberish
  deadline: BigNumberish
}

export interface AccessRevocation {
  patient: string
  reader: string
  nonce: BigNumberish
  deadline: BigNumberish
}

export interface RecordRestriction {
  patient: string
  recordId: BigNumberish
  restricted: boolean
  nonce: BigNumberish
  deadline: BigNumberish
}

export interface PatientKeyReissue {
  patient: string
  /** The re-issued key, the signer: the signature proves it holds the private key. */
  newKey: string
  encryptionPublicKey: BytesLike
  /** The patient's nonce. */
  nonce: BigNumberish
  deadline: BigNumberish
}

/**
 * The `(r, vs)` arguments of the `…BySig` functions: the EIP-2098 compact form of a signature,
 * `vs` being `s` with the parity of `v` in its top bit.
 */
export function compactSignature(signature: string): { r: string; vs: string } {
  const { r, yParityAndS } = Signature.from(signature)
  return { r, vs: yParityAndS }
}

/** The registry's EIP-712 domain on one chain. */
export function registryDomain(registryAddress: string, chainId: BigNumberish): TypedDataDomain {
  return {
    name: REGISTRY_DOMAIN_NAME,
    version: REGISTRY_DOMAIN_VERSION,
    chainId,
    verifyingContract: registryAddress,
  }
}

/** The `types` argument of ethers' typed-data functions for one primary type. */
export function typesFor(primaryType: RegistryPrimaryType): Record<string, TypedDataField[]> {
  return { [primaryType]: registryTypes[primaryType].map((field) => ({ ...field })) }
}

/**
 * Signs one consent of `primaryType`; returns the 65-byte (r, s, v) signature, with v as 27/28
 * whichever convention the signer uses. The registry takes it as {@link compactSignature}.
 */
export async function signRegistryMessage(
  wallet: Signer,
  registryAddress: string,
  chainId: BigNumberish,
  primaryType: RegistryPrimaryType,
  message: Record<string, unknown>,
): Promise<string> {
  const domain = registryDomain(registryAddress, chainId)
  const signature = await wallet.signTypedData(domain, typesFor(primaryType), message)
  return Signature.from(signature).serialized
}

/**
 * The patient's consent to be registered by a relaying staff member; the signer is the patient
 * registered, so the message does not name them.
 */
export function signPatientRegistration(
  wallet: Signer,
  registryAddress: string,
  chainId: BigNumberish,
  fields: PatientRegistration,
): Promise<string> {
  return signRegistryMessage(wallet, registryAddress, chainId, 'RegisterPatient', { ...fields })
}

/** The patient's grant of access to `reader`, relayable by anyone. */
export function signAccessGrant(
  wallet: Signer,
  registryAddress: string,
  chainId: BigNumberish,
  fields: AccessGrant,
): Promise<string> {
  return signRegistryMessage(wallet, registryAddress, chainId, 'GrantAccess', { ...fields })
}

/** The patient's revocation of `reader`'s access, relayable by anyone. */
export function signAccessRevocation(
  wallet: Signer,
  registryAddress: string,
  chainId: BigNumberish,
  fields: AccessRevocation,
): Promise<string> {
  return signRegistryMessage(wallet, registryAddress, chainId, 'RevokeAccess', { ...fields })
}

/** The patient's restriction (or release) of one record, relayable by anyone. */
export function signRecordRestriction(
  wallet: Signer,
  registryAddress: string,
  chainId: BigNumberish,
  fields: RecordRestriction,
): Promise<string> {
  return signRegistryMessage(wallet, registryAddress, chainId, 'SetRecordRestricted', { ...fields })
}

/** The new key's proof of possession for `reissuePatientKey`, relayed by an administrator. */
export function signPatientKeyReissue(
  wallet: Signer,
  registryAddress: string,
  chainId: BigNumberish,
  fields: PatientKeyReissue,
): Promise<string> {
  return signRegistryMessage(wallet, registryAddress, chainId, 'ReissuePatientKey', { ...fields })
}

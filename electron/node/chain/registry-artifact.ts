/**
 * The compiled registry (built by `npm run compile:contracts`) and the codes its ABI speaks in.
 */
import {
  ContractFactory,
  concat,
  getBytes,
  hexlify,
  type BytesLike,
  type InterfaceAbi,
  type Signer,
} from 'ethers'
import artifact from '../../../contracts/artifacts/EMRRegistry.json' with { type: 'json' }
import { InternalError, InvalidInputError } from '../errors.ts'

export const registryAbi: InterfaceAbi = artifact.abi as InterfaceAbi
export const registryBytecode: string = artifact.bytecode

/** `IEMRRegistry.MemberKind`. */
export const MemberKind = { None: 0, Staff: 1, Patient: 2, PatientKey: 3 } as const
/** `IEMRRegistry.MemberStatus`. */
export const MemberStatus = { None: 0, Pending: 1, Active: 2, Suspended: 3 } as const
/** `IEMRRegistry.StaffRole`; 0 is not a role. */
export const StaffRole = {
  Physician: 1,
  Nurse: 2,
  Technician: 3,
  Pharmacist: 4,
  Administrator: 5,
  Auditor: 6,
} as const
/** `IEMRRegistry.AccessStatus`, the answer of `accessStatus(reader, recordId)`. */
export const AccessStatus = {
  Allowed: 0,
  NotRegistered: 1,
  Suspended: 2,
  NeverGranted: 3,
  Expired: 4,
  Revoked: 5,
  Restricted: 6,
} as const

/**
 * A binary CIDv1 with a 32-byte digest, the one form records anchor, as the `(cidPrefix,
 * cidDigest)` arguments of `anchorRecord` and `anchorVersion`: its first 4 bytes (version, codec,
 * hash function, digest length) and the digest.
 */
export function splitCid(cid: BytesLike): [cidPrefix: string, cidDigest: string] {
  const bytes = getBytes(cid)
  if (bytes.length !== 36) {
    throw new InvalidInputError(
      `The registry anchors 36-byte binary CIDs, not ${bytes.length} bytes`,
    )
  }
  return [hexlify(bytes.subarray(0, 4)), hexlify(bytes.subarray(4))]
}

/** The binary CID of a `RecordAnchored` event, from its `cidPrefix` and `cidDigest`. */
export function joinCid(cidPrefix: BytesLike, cidDigest: BytesLike): string {
  return concat([cidPrefix, cidDigest])
}

/**
 * A 33-byte compressed public key as the `(encryptionKeyPrefix, encryptionKeyX)` arguments of
 * `registerPatientBySig`: its prefix byte (2 or 3) and its x coordinate.
 */
export function splitEncryptionKey(key: BytesLike): [prefix: number, x: string] {
  const bytes = getBytes(key)
  if (bytes.length !== 33) {
    throw new InvalidInputError(`A compressed public key is 33 bytes, not ${bytes.length}`)
  }
  return [bytes[0]!, hexlify(bytes.subarray(1))]
}

export interface RegistryDeployment {
  address: string
  /** Hash of the deployment transaction. */
  deploymentTx: string
  gasUsed: bigint
  blockNumber: number
}

/** Deploys a registry governed by `governor`, paid by `signer`, and waits for it to be mined. */
export async function deployRegistry(
  signer: Signer,
  governor: string,
): Promise<RegistryDeployment> {
  const contract = await new ContractFactory(registryAbi, registryBytecode, signer).deploy(governor)
  const receipt = await contract.deploymentTransaction()?.wait()
  if (!receipt) throw new InternalError('The registry deployment transaction was not mined')
  return {
    address: await contract.getAddress(),
    deploymentTx: receipt.hash,
    gasUsed: receipt.gasUsed,
    blockNumber: receipt.blockNumber,
  }
}

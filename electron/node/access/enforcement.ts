/**
 * The node asks the chain before it gives anyone a record: `accessStatus` decides, and a refusal
 * names its reason. The uploader of a version may always read that version (the registry
 * remembers only a record's creator, to save gas), unless they are suspended or unregistered.
 */
import { AccessDeniedError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import type { AnchoredVersion } from '../records/open.ts'
import { accessStatuses, type AccessStatusName } from './schemas.ts'

/** The name of the registry's `AccessStatus` code. */
export function accessStatusName(code: unknown): AccessStatusName {
  return accessStatuses[Number(code)] ?? 'not-registered'
}

/** Whether `reader` holds a running emergency on `patient` (break-the-glass reads are flagged). */
export function inEmergency(node: HospitalNode, reader: string, patient: string): boolean {
  const now = Date.now() / 1000
  return node.chain.indexer
    .events('EmergencyAccessDeclared')
    .some(
      ({ args }) =>
        args.staff?.toLowerCase() === reader.toLowerCase() &&
        args.patient?.toLowerCase() === patient.toLowerCase() &&
        Number(args.expiresAt) > now,
    )
}

/** Whether `reader` may read a version `uploader` anchored, given the chain's status for its record. */
export function mayReadVersion(
  reader: string,
  uploader: string,
  status: AccessStatusName,
): boolean {
  if (status === 'allowed') return true
  const isUploader = reader.toLowerCase() === uploader.toLowerCase()
  return isUploader && status !== 'not-registered' && status !== 'suspended'
}

/**
 * Throws the reason the chain refuses `reader` this version, given the chain's `accessStatus` for
 * the anchor's record; says whether it is an emergency read.
 */
export function checkReadAccess(
  node: HospitalNode,
  reader: string,
  anchor: AnchoredVersion,
  status: AccessStatusName,
): { emergency: boolean } {
  if (status !== 'allowed' && !mayReadVersion(reader, anchor.uploader, status)) {
    throw new AccessDeniedError(status, reader, anchor.recordId)
  }
  const isUploader = reader.toLowerCase() === anchor.uploader.toLowerCase()
  const ownRecord = isUploader || reader.toLowerCase() === anchor.patient.toLowerCase()
  return { emergency: !ownRecord && inEmergency(node, reader, anchor.patient) }
}

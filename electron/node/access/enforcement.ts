/**
 * The node asks the chain before it gives anyone a record: `accessStatus` decides, and a refusal
 * names its reason. The uploader of a version may always read that version (the registry
 * remembers only a record's creator, to save gas), unless they are suspended or unregistered.
 */
import { accessDeniedError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import type { AnchoredVersion } from '../records/open.ts'
import { accessStatuses, type AccessStatusName } from './schemas.ts'

export async function accessStatusOf(
  node: HospitalNode,
  reader: string,
  recordId: number,
): Promise<AccessStatusName> {
  const code = await node.chain.registry.getFunction('accessStatus')(reader, recordId)
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

/** Throws the reason the chain refuses `reader` this version; says whether it is an emergency read. */
export async function checkReadAccess(
  node: HospitalNode,
  reader: string,
  anchor: AnchoredVersion,
): Promise<{ emergency: boolean }> {
  const status = await accessStatusOf(node, reader, anchor.recordId)
  const isUploader = reader.toLowerCase() === anchor.uploader.toLowerCase()
  if (
    status !== 'allowed' &&
    !(isUploader && status !== 'not-registered' && status !== 'suspended')
  ) {
    throw accessDeniedError(status, reader, anchor.recordId)
  }
  const ownRecord = isUploader || reader.toLowerCase() === anchor.patient.toLowerCase()
  return { emergency: !ownRecord && inEmergency(node, reader, anchor.patient) }
}

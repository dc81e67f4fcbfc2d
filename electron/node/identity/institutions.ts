import { getAddress, type Signer } from 'ethers'
import { InternalError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { topUpNewMember } from './funding.ts'
import { callRegistry, receiptView, sessionSigner } from './registry-calls.ts'
import type { StaffIdentity } from './schemas.ts'
import { listInstitutions } from './staff.ts'
import type { InstitutionAdded } from './types.ts'

export interface NewInstitution {
  name: string
  /** The institution's first administrator, active at once. */
  admin: string
  /** The admin's IC card data, kept on this node only (the chain holds no commitment for them). */
  adminIdentity?: StaffIdentity
}

/**
 * The governor adds an institution with its first administrator, on any chain. `signer` is the
 * governor's key: the signed-in governor's, or the new network's governor during set-up.
 */
export async function addInstitution(
  node: HospitalNode,
  signer: Signer,
  input: NewInstitution,
): Promise<InstitutionAdded> {
  const admin = getAddress(input.admin)
  const sent = await callRegistry(node, signer, 'addInstitution', [admin, input.name])
  if (input.adminIdentity) saveAdminIdentity(node, admin, input.adminIdentity)
  // The indexer has seen the transaction (callRegistry waits), so the event is there.
  const institution = listInstitutions(node).findLast((each) => each.admin === admin)
  if (!institution) throw new InternalError(`No InstitutionAdded event for ${admin}`)
  return { institution, receipt: receiptView(node, sent, 'institution added') }
}

/**
 * `institutions.add`: the signed-in governor adds an institution; on an external chain the new
 * administrator's account is topped up from the governor's, so they can act at once.
 */
export async function addInstitutionAsGovernor(
  node: HospitalNode,
  input: NewInstitution,
): Promise<InstitutionAdded> {
  const added = await addInstitution(node, sessionSigner(node), input)
  const topUp = await topUpNewMember(node, input.admin)
  return topUp ? { ...added, receipt: { ...added.receipt, topUp } } : added
}

/**
 * An institution's first admin is announced by the event alone, with no identity commitment:
 * the name is kept so this node's directory can show it; the salt and commitment stay empty.
 */
function saveAdminIdentity(node: HospitalNode, admin: string, identity: StaffIdentity): void {
  node.db
    .prepare(
      `INSERT OR REPLACE INTO staff_identities (address, name, national_id, licence_number, salt, commitment)
       VALUES (?, ?, ?, ?, '', '')`,
    )
    .run(admin.toLowerCase(), identity.name, identity.nationalId, identity.licenceNumber)
}

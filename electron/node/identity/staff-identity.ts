import { getAddress } from 'ethers'
import { blockTimes } from '../chain/block-times.ts'
import { ForbiddenError, InvalidInputError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { commitTo } from './commitment.ts'
import { roleName } from './members.ts'
import { listInstitutions } from './staff.ts'
import type { StaffIdentityView } from './types.ts'

/**
 * What an administrator checks before approving a registration: the registration as the chain
 * has it (role, institution, time, the commitment to the IC card's data) and the clear data
 * where this node holds it, that is where the staff member registered. Held data counts only
 * when it still opens the commitment on chain.
 */
export async function staffIdentity(
  node: HospitalNode,
  account: string,
  /** The reviewing administrator's institution: only its own registrations are shown. */
  reviewer: number | null,
): Promise<StaffIdentityView> {
  const key = account.toLowerCase()
  const registered = node.chain.indexer
    .events('StaffRegistered')
    .findLast((event) => event.args.account?.toLowerCase() === key)
  if (!registered) throw new InvalidInputError('This account has no staff registration')
  const institution = Number(registered.args.institution)
  if (institution !== reviewer) {
    throw new ForbiddenError("Only the institution's own administrators review its registrations")
  }
  const commitment = registered.args.commitment!.toLowerCase()
  const held = node.db
    .prepare(
      'SELECT name, national_id, licence_number, salt FROM staff_identities WHERE address = ?',
    )
    .get(key) as
    { name: string; national_id: string; licence_number: string; salt: string } | undefined
  const opens =
    held !== undefined &&
    commitTo([held.name, held.national_id, held.licence_number], held.salt).toLowerCase() ===
      commitment
  const times = await blockTimes(node, [registered.blockNumber])
  return {
    account: getAddress(account),
    role: roleName(Number(registered.args.role)),
    institution,
    institutionName:
      listInstitutions(node).find((candidate) => candidate.id === institution)?.name ??
      `#${institution}`,
    registeredAt: times.get(registered.blockNumber) ?? '',
    commitment,
    identity: opens
      ? { name: held.name, nationalId: held.national_id, licenceNumber: held.licence_number }
      : null,
  }
}

import { randomUUID } from 'node:crypto'
import { getAddress } from 'ethers'
import { InvalidInputError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { commitTo, newSalt } from './commitment.ts'
import { topUpNewMember } from './funding.ts'
import { roleCode, roleName } from './members.ts'
import {
  callRegistry,
  receiptView,
  sessionSigner,
  type RegistryCallOptions,
} from './registry-calls.ts'
import type { StaffIdentity, StaffRoleName, SuspensionReason } from './schemas.ts'
import { recordSuspensionReason } from './suspension-reasons.ts'
import type {
  InstitutionView,
  MemberStatusName,
  StaffRow,
  TopUpOutcome,
  TxReceiptView,
} from './types.ts'

/**
 * Saves the clear identity before the transaction and puts back what was there if the chain
 * refuses, so the database never holds an identity the chain does not. A refused broadcast
 * (missing funds) is marked failed in the outbox and never sent again, so the row goes too. A
 * transaction mined, or whose fate is unknown (the chain was unreachable after it was signed),
 * keeps the row: the chain holds it or may still, as the next start's reconciliation decides.
 */
async function withLocalIdentity<T>(
  node: HospitalNode,
  account: string,
  identity: StaffIdentity,
  register: (commitment: string, options: RegistryCallOptions) => Promise<T>,
): Promise<T> {
  const salt = newSalt()
  const commitment = commitTo([identity.name, identity.nationalId, identity.licenceNumber], salt)
  const address = account.toLowerCase()
  const previous = node.db
    .prepare(
      'SELECT address, name, national_id, licence_number, salt, commitment FROM staff_identities WHERE address = ?',
    )
    .get(address)
  const save = node.db.prepare(
    `INSERT OR REPLACE INTO staff_identities (address, name, national_id, licence_number, salt, commitment)
     VALUES (:address, :name, :national_id, :licence_number, :salt, :commitment)`,
  )
  const row = {
    address,
    name: identity.name,
    national_id: identity.nationalId,
    licence_number: identity.licenceNumber,
    salt,
    commitment,
  }
  save.run(row)
  const intent = `staff-registration:${address}:${randomUUID()}`
  try {
    return await register(commitment, { intent })
  } catch (error) {
    if (chainMayHold(node, intent)) throw error
    if (previous) save.run({ ...row, ...(previous as typeof row) })
    else node.db.prepare('DELETE FROM staff_identities WHERE address = ?').run(address)
    throw error
  }
}

/**
 * Whether the registration sent under `intent` is, or may still be, on chain: mined (a later
 * step failed, such as indexing), or signed and sent without an answer. Refused before signing,
 * refused at the broadcast (failed), reverted or dropped: the chain will never hold it.
 */
function chainMayHold(node: HospitalNode, intent: string): boolean {
  const status = node.chain.outbox.findByIntent(intent)?.status
  return status === 'signed' || status === 'sent' || status === 'mined'
}

/** Self-registration of the signed-in account: pending until its institution's admin approves. */
export async function registerSelf(
  node: HospitalNode,
  input: { institution: number; role: StaffRoleName; identity: StaffIdentity },
): Promise<TxReceiptView> {
  const session = node.vault.requireSession()
  return withLocalIdentity(node, session.address, input.identity, async (commitment, options) => {
    const sent = await callRegistry(
      node,
      sessionSigner(node),
      'registerStaff',
      [input.institution, roleCode(input.role), commitment, session.encryptionKey.publicKey],
      options,
    )
    return receiptView(node, sent, 'pending approval')
  })
}

/** Direct registration by an institution admin: active at once, and funded on an external chain. */
export async function registerDirect(
  node: HospitalNode,
  input: {
    account: string
    role: StaffRoleName
    identity: StaffIdentity
    encryptionPublicKey?: string
  },
): Promise<TxReceiptView> {
  const local = node.vault.list().find((a) => a.address === input.account.toLowerCase())
  const encryptionPublicKey = input.encryptionPublicKey ?? local?.encryptionPublicKey
  if (!encryptionPublicKey) {
    throw new InvalidInputError(
      'This account is not on this workstation: give its encryption public key (shown on its account page).',
    )
  }
  const receipt = await withLocalIdentity(
    node,
    input.account,
    input.identity,
    async (commitment, options) => {
      const sent = await callRegistry(
        node,
        sessionSigner(node),
        'registerStaffDirect',
        [input.account, roleCode(input.role), commitment, encryptionPublicKey],
        options,
      )
      return receiptView(node, sent, 'registered')
    },
  )
  return withTopUp(receipt, await topUpNewMember(node, input.account))
}

const statusChanges = {
  approve: { method: 'approveStaff', result: 'approved' },
  reject: { method: 'rejectStaff', result: 'rejected' },
  suspend: { method: 'suspendStaff', result: 'suspended' },
  reinstate: { method: 'reinstateStaff', result: 'reinstated' },
} as const

/**
 * An admin's decision on a staff member; the contract checks the admin's authority. An approved
 * member is topped up for gas on an external chain.
 */
export async function changeStaffStatus(
  node: HospitalNode,
  change: keyof typeof statusChanges,
  account: string,
): Promise<TxReceiptView> {
  const { method, result } = statusChanges[change]
  const sent = await callRegistry(node, sessionSigner(node), method, [account])
  const receipt = receiptView(node, sent, result)
  return change === 'approve' ? withTopUp(receipt, await topUpNewMember(node, account)) : receipt
}

function withTopUp(receipt: TxReceiptView, topUp: TopUpOutcome | undefined): TxReceiptView {
  return topUp ? { ...receipt, topUp } : receipt
}

/** Suspends a staff member; the reason code stays in this node's audit trail, off chain. */
export async function suspendStaff(
  node: HospitalNode,
  input: { account: string; reason: SuspensionReason },
): Promise<TxReceiptView> {
  const receipt = await changeStaffStatus(node, 'suspend', input.account)
  recordSuspensionReason(node.db, { ...input, txHash: receipt.txHash })
  return receipt
}

export function listInstitutions(node: HospitalNode): InstitutionView[] {
  return node.chain.indexer.events('InstitutionAdded').map(({ args }) => ({
    id: Number(args.institution),
    name: args.name!,
    admin: getAddress(args.admin!),
  }))
}

/**
 * The staff directory, replayed from the indexed events: each event moves one account's status.
 * Names are joined from this node's database, where staff registered here left them.
 */
export function listStaff(
  node: HospitalNode,
  filter: { status?: MemberStatusName; institution?: number } = {},
): StaffRow[] {
  const institutions = new Map(listInstitutions(node).map((i) => [i.id, i.name]))
  const staff = new Map<string, Omit<StaffRow, 'name' | 'licenceNumber' | 'institutionName'>>()
  const nextStatus: Record<string, MemberStatusName | null> = {
    StaffApproved: 'active',
    StaffReinstated: 'active',
    StaffSuspended: 'suspended',
    StaffRejected: null,
  }
  for (const { name, args, txHash } of node.chain.indexer.events()) {
    if (name === 'InstitutionAdded') {
      staff.set(args.admin!.toLowerCase(), {
        address: getAddress(args.admin!),
        role: 'administrator',
        institution: Number(args.institution),
        status: 'active',
        registeredTx: txHash,
      })
    } else if (name === 'StaffRegistered') {
      staff.set(args.account!.toLowerCase(), {
        address: getAddress(args.account!),
        role: roleName(Number(args.role)),
        institution: Number(args.institution),
        status: args.pending === 'true' ? 'pending' : 'active',
        registeredTx: txHash,
      })
    } else if (name in nextStatus) {
      const key = args.account!.toLowerCase()
      const status = nextStatus[name]
      const row = staff.get(key)
      if (status === null) staff.delete(key)
      else if (row && status) row.status = status
    }
  }
  const identities = node.db
    .prepare('SELECT address, name, licence_number FROM staff_identities')
    .all() as { address: string; name: string; licence_number: string }[]
  const known = new Map(identities.map((row) => [row.address, row]))
  return [...staff.entries()]
    .filter(
      ([, row]) =>
        (!filter.status || row.status === filter.status) &&
        (!filter.institution || row.institution === filter.institution),
    )
    .map(([key, row]) => ({
      ...row,
      name: known.get(key)?.name ?? null,
      licenceNumber: known.get(key)?.licence_number ?? null,
      institutionName: institutions.get(row.institution) ?? `#${row.institution}`,
    }))
}

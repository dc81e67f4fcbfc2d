import { parseEther } from 'ethers'
import { releasePendingEmergencyKeys } from '../access/emergency.ts'
import type { HospitalNode } from '../node.ts'
import type { AccountInfo, RoleHint } from '../vault/vault.ts'
import { memberView } from './members.ts'
import { lastRejection } from './rejection.ts'
import type { AccountView, SessionView } from './types.ts'

/** Balance the embedded chain's faucet tops accounts up to: enough for thousands of calls. */
const FAUCET_GRANT = parseEther('100')
const FAUCET_THRESHOLD = parseEther('1')

function accountView(info: AccountInfo): AccountView {
  return { ...info }
}

export function listAccounts(node: HospitalNode): AccountView[] {
  return node.vault.list().map(accountView)
}

export async function createAccount(
  node: HospitalNode,
  input: { label: string; passphrase: string; role?: RoleHint },
): Promise<{ address: string; mnemonic: string }> {
  return node.vault.create({ role: 'staff', ...input })
}

export async function importKeystore(
  node: HospitalNode,
  input: { label: string; json: string; passphrase: string },
): Promise<AccountView> {
  return accountView(await node.vault.importKeystore({ ...input, role: 'staff' }))
}

export async function importMnemonic(
  node: HospitalNode,
  input: { label: string; mnemonic: string; passphrase: string },
): Promise<AccountView> {
  const { mnemonic: phrase, ...rest } = input
  return accountView(await node.vault.importMnemonic({ ...rest, phrase, role: 'staff' }))
}

/**
 * On the embedded chain the faucet pays gas for the node's accounts. On an external chain the
 * institution funds its staff, as a consortium's operators decide.
 */
export async function fundFromFaucet(node: HospitalNode, address: string): Promise<void> {
  const faucet = node.chain.faucet
  if (!faucet) return
  if ((await node.chain.provider.getBalance(address)) >= FAUCET_THRESHOLD) return
  await node.chain.outbox.send(`fund:${address}`, faucet, { to: address, value: FAUCET_GRANT })
}

export async function signIn(
  node: HospitalNode,
  input: { address: string; passphrase: string },
): Promise<SessionView> {
  await node.vault.unlock(input.address, input.passphrase)
  await fundFromFaucet(node, input.address)
  // An administrator signing in serves emergencies that wait for keys now, not at the next block.
  releasePendingEmergencyKeys(node).catch((error: unknown) =>
    node.log.warn('releasing emergency keys failed; retrying at the next block', {
      error: String(error),
    }),
  )
  return (await sessionView(node))!
}

export async function sessionView(node: HospitalNode): Promise<SessionView | null> {
  const session = node.vault.session()
  if (!session) return null
  const member = await memberView(node, session.address)
  return {
    address: session.address,
    label: session.label,
    expiresAt: new Date(session.expiresAt).toISOString(),
    member,
    staffRejection: await lastRejection(node, session.address, member),
  }
}

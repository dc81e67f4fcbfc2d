/**
 * Break-the-glass. Active staff declare an emergency on a patient with a reason code; for 24
 * hours (the registry's fixed term) the chain allows them the records their institution holds,
 * restricted ones too. The keys come from the custodian: a node where an administrator of that
 * institution is signed in re-wraps the custodian's keys for the declarant and publishes the
 * bundle through an EmergencyKeysReleased event. Every read meanwhile is in the read log.
 */
import { getAddress } from 'ethers'
import { blockTimes } from '../chain/block-times.ts'
import type { IndexedEvent } from '../chain/indexer.ts'
import { CoalescingTask } from '../coalescing-task.ts'
import { NotPermittedError } from '../errors.ts'
import { memberView } from '../identity/members.ts'
import { callRegistry, receiptView, sessionSigner } from '../identity/registry-calls.ts'
import type { TxReceiptView } from '../identity/types.ts'
import type { HospitalNode } from '../node.ts'
import { keyBundleCidOf, publishKeyBundle } from './key-bundle.ts'
import { partyResolver } from './parties.ts'
import { codeOf, emergencyReasons, nameOf, type EmergencyReason } from './schemas.ts'
import type { EmergencyView } from './types.ts'

export async function declareEmergency(
  node: HospitalNode,
  input: { patient: string; reason: EmergencyReason },
): Promise<EmergencyView & { receipt: TxReceiptView }> {
  const sent = await callRegistry(node, sessionSigner(node), 'emergencyAccess', [
    input.patient,
    codeOf(emergencyReasons, input.reason),
  ])
  const declared = (await listEmergencies(node)).find((e) => e.txHash === sent.txHash)!
  return { ...declared, receipt: receiptView(node, sent, 'emergency declared') }
}

function after(a: IndexedEvent, b: IndexedEvent): boolean {
  return (
    a.blockNumber > b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex > b.logIndex)
  )
}

const same = (a: string | undefined, b: string | undefined) => a?.toLowerCase() === b?.toLowerCase()

/** Every emergency declared on the network, newest first. */
export async function listEmergencies(
  node: HospitalNode,
  filter: { activeOnly?: boolean } = {},
): Promise<EmergencyView[]> {
  const declared = node.chain.indexer.events('EmergencyAccessDeclared')
  const released = node.chain.indexer.events('EmergencyKeysReleased')
  const times = await blockTimes(
    node,
    [...declared, ...released].map((e) => e.blockNumber),
  )
  const party = partyResolver(node)
  const countReads = node.db.prepare(
    `SELECT COUNT(*) AS n FROM read_log
     WHERE emergency = 1 AND lower(reader) = lower(?) AND lower(patient) = lower(?) AND at >= ? AND at <= ?`,
  )
  const now = Date.now()
  const views = declared.map((event): EmergencyView => {
    const { patient, staff } = event.args
    const expiresAtMs = Number(event.args.expiresAt) * 1000
    const declaredAt = times.get(event.blockNumber) ?? ''
    const release = released.findLast(
      (r) => same(r.args.patient, patient) && same(r.args.staff, staff) && after(r, event),
    )
    const expiresAt = new Date(expiresAtMs).toISOString()
    return {
      patient: party(patient!),
      staff: party(staff!),
      institution: Number(event.args.institution),
      reason: nameOf(emergencyReasons, Number(event.args.reasonCode)),
      declaredAt,
      expiresAt,
      active: expiresAtMs > now,
      keysReleasedAt: release ? (times.get(release.blockNumber) ?? null) : null,
      keyBundleCid: release
        ? (keyBundleCidOf(release.args.keyBundleCid!)?.toString() ?? null)
        : null,
      readsLogged: (countReads.get(staff!, patient!, declaredAt, expiresAt) as { n: number }).n,
      txHash: event.txHash,
    }
  })
  return views.filter((e) => !filter.activeOnly || e.active).reverse()
}

/**
 * The custodian's release: the signed-in administrator re-wraps the keys they hold as custodian
 * of `patient`'s records for `staff`, and publishes them on chain.
 */
export async function releaseEmergencyKeys(
  node: HospitalNode,
  input: { patient: string; staff: string },
): Promise<{ receipt: TxReceiptView; keysShared: number }> {
  const session = node.vault.requireSession()
  // This session's key only: if someone else signs in meanwhile, the release stops.
  const signer = session.connect(node.chain.provider)
  const admin = await memberView(node, session.address)
  if (admin.role !== 'administrator' || admin.status !== 'active') {
    throw new NotPermittedError('Only an active administrator of the custodian releases keys')
  }
  const bundle = await publishKeyBundle(node, {
    patient: input.patient,
    reader: input.staff,
    holder: {
      address: session.address,
      roles: ['custodian', 'uploader'],
      encryptionKey: session.encryptionKey,
    },
  })
  const sent = await callRegistry(node, signer, 'releaseEmergencyKeys', [
    getAddress(input.patient),
    getAddress(input.staff),
    bundle.cid?.bytes ?? new Uint8Array(),
  ])
  node.log.info('emergency keys released', {
    patient: input.patient,
    staff: input.staff,
    keys: bundle.keys,
  })
  return { receipt: receiptView(node, sent, 'keys released'), keysShared: bundle.keys }
}

/** One release pass per node at a time; a request during a pass (a sign-in) queues another. */
const releasePasses = new WeakMap<HospitalNode, CoalescingTask<number>>()

/**
 * Releases keys for every running emergency of the signed-in administrator's institution that
 * has none yet. Runs at each new block and at sign-in, so an emergency is served as soon as an
 * administrator's node sees it. A pass that started under another account would miss an
 * administrator who signs in meanwhile, so a request during a pass is never dropped.
 */
export function releasePendingEmergencyKeys(node: HospitalNode): Promise<number> {
  let passes = releasePasses.get(node)
  if (!passes) {
    passes = new CoalescingTask(() => releaseWaitingKeys(node))
    releasePasses.set(node, passes)
  }
  return passes.run()
}

async function releaseWaitingKeys(node: HospitalNode): Promise<number> {
  const session = node.vault.session()
  if (!session) return 0
  const admin = await memberView(node, session.address)
  if (admin.role !== 'administrator' || admin.status !== 'active') return 0
  const waiting = (await listEmergencies(node, { activeOnly: true })).filter(
    (e) => e.institution === admin.institution && !e.keysReleasedAt,
  )
  for (const emergency of waiting) {
    await releaseEmergencyKeys(node, {
      patient: emergency.patient.address,
      staff: emergency.staff.address,
    })
  }
  return waiting.length
}

/**
 * Break-the-glass. Staff in a role their institution allows (physicians and nurses unless an
 * administrator set otherwise, emergency-roles.ts) declare an emergency on a patient with a
 * reason code; for 24 hours (the registry's fixed term) the chain allows them the records their
 * institution holds, unless the patient restricted a record or revoked them. The keys come from
 * the custodian: the node holding the institution's emergency releaser (emergency-releaser.ts)
 * releases them with nobody signed in, or a node where an administrator of the institution is
 * signed in; either re-wraps the custodian's keys the chain allows for the declarant and
 * publishes the bundle through an EmergencyKeysReleased event. Every read is in the read log.
 */
import { getAddress, type Signer } from 'ethers'
import { blockTimes } from '../chain/block-times.ts'
import type { IndexedEvent } from '../chain/indexer.ts'
import type { SentTransaction } from '../chain/outbox.ts'
import { CoalescingTask } from '../coalescing-task.ts'
import { NodeSecretMismatchError, NotPermittedError } from '../errors.ts'
import { fundFromFaucet } from '../identity/accounts.ts'
import { memberView } from '../identity/members.ts'
import { callRegistry, receiptView, sessionSigner } from '../identity/registry-calls.ts'
import { listInstitutions } from '../identity/staff.ts'
import type { TxReceiptView } from '../identity/types.ts'
import type { HospitalNode } from '../node.ts'
import { releaserOf } from '../records/readers.ts'
import { listRecords } from '../records/record-index.ts'
import type { RecordVersionView } from '../records/types.ts'
import { automaticReleaseStatus, unsealReleaser } from './emergency-releaser.ts'
import { checkMayDeclareEmergency, emergencyRolesOf } from './emergency-roles.ts'
import { accessStatusName } from './enforcement.ts'
import { keyBundleCidOf, publishKeyBundle, type KeyHolder } from './key-bundle.ts'
import { partyResolver } from './parties.ts'
import { codeOf, emergencyReasons, nameOf, type EmergencyReason } from './schemas.ts'
import type { EmergencyPolicyView, EmergencyView } from './types.ts'

export async function declareEmergency(
  node: HospitalNode,
  input: { patient: string; reason: EmergencyReason },
): Promise<EmergencyView & { receipt: TxReceiptView }> {
  checkMayDeclareEmergency(node, await memberView(node, node.vault.requireSession().address))
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
  const institutions = new Map(listInstitutions(node).map((i) => [i.id, i.name]))
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
    const institution = Number(event.args.institution)
    return {
      patient: party(patient!),
      staff: party(staff!),
      institution,
      institutionName: institutions.get(institution) ?? null,
      automaticRelease: releaserOf(node, institution) !== null,
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

/** Who signs a release and whose custodian keys it re-wraps. */
interface Releaser {
  signer: Signer
  holder: KeyHolder | ((patient: string) => KeyHolder)
}

/**
 * The versions of `patient`'s records the registry lets `staff` read now. A release never holds
 * a key the chain would refuse: restricted and revoked records stay out, whatever the manifests
 * let the custodian unwrap.
 */
async function versionsTheChainAllows(
  node: HospitalNode,
  patient: string,
  staff: string,
): Promise<RecordVersionView[]> {
  const accessStatus = node.chain.registry.getFunction('accessStatus')
  const allowed: RecordVersionView[] = []
  for (const record of listRecords(node.db, patient)) {
    if (accessStatusName(await accessStatus(staff, record.recordId)) === 'allowed') {
      allowed.push(...record.versions)
    }
  }
  return allowed
}

/** Re-wraps the custodian's keys the chain allows `staff` for them, and publishes the bundle. */
async function releaseAs(
  node: HospitalNode,
  releaser: Releaser,
  input: { patient: string; staff: string },
): Promise<{ sent: SentTransaction; keys: number }> {
  const holder =
    typeof releaser.holder === 'function' ? releaser.holder(input.patient) : releaser.holder
  const bundle = await publishKeyBundle(node, {
    patient: input.patient,
    reader: input.staff,
    holder,
    versions: await versionsTheChainAllows(node, input.patient, input.staff),
  })
  const sent = await callRegistry(node, releaser.signer, 'releaseEmergencyKeys', [
    getAddress(input.patient),
    getAddress(input.staff),
    bundle.cid?.bytes ?? new Uint8Array(),
  ])
  node.log.info('emergency keys released', { releaser: holder.address, keys: bundle.keys })
  return { sent, keys: bundle.keys }
}

/** The signed-in account as a releaser, when it is an active administrator; else null. */
async function signedInAdministrator(
  node: HospitalNode,
): Promise<(Releaser & { institution: number }) | null> {
  const session = node.vault.session()
  if (!session) return null
  const member = await memberView(node, session.address)
  if (member.role !== 'administrator' || member.status !== 'active') return null
  return {
    institution: member.institution!,
    // This session's key only: if someone else signs in meanwhile, the release stops.
    signer: session.connect(node.chain.provider),
    holder: {
      address: session.address,
      roles: ['custodian', 'uploader'],
      encryptionKey: session.encryptionKey,
    },
  }
}

/**
 * The signed-in administrator's release, from the Emergencies screen: re-wraps the keys they
 * hold as custodian of `patient`'s records for `staff`, and publishes them on chain.
 */
export async function releaseEmergencyKeys(
  node: HospitalNode,
  input: { patient: string; staff: string },
): Promise<{ receipt: TxReceiptView; keysShared: number }> {
  node.vault.requireSession()
  const admin = await signedInAdministrator(node)
  if (!admin) {
    throw new NotPermittedError('Only an active administrator of the custodian releases keys')
  }
  const { sent, keys } = await releaseAs(node, admin, input)
  return { receipt: receiptView(node, sent, 'keys released'), keysShared: keys }
}

/** One release pass per node at a time; a request during a pass (a sign-in) queues another. */
const releasePasses = new WeakMap<HospitalNode, CoalescingTask<number>>()

/**
 * Releases keys for every running emergency that has none yet, of institutions whose releaser
 * this node holds (with nobody signed in) or whose administrator is signed in. Runs at each new
 * block and at sign-in. A pass that started under another account would miss an administrator
 * who signs in meanwhile, so a request during a pass is never dropped.
 */
export function releasePendingEmergencyKeys(node: HospitalNode): Promise<number> {
  if (stoppingNodes.has(node)) return Promise.resolve(0)
  let passes = releasePasses.get(node)
  if (!passes) {
    passes = new CoalescingTask(() => releaseWaitingKeys(node))
    releasePasses.set(node, passes)
  }
  return passes.run()
}

/** Nodes that are stopping: a block indexed meanwhile starts no pass against a closing chain. */
const stoppingNodes = new WeakSet<HospitalNode>()

/**
 * Starts no more release passes on `node` and waits for one under way, so the node stops only
 * after its transaction settled.
 */
export async function settleEmergencyReleases(node: HospitalNode): Promise<void> {
  stoppingNodes.add(node)
  await releasePasses.get(node)?.idle()
}

async function releaseWaitingKeys(node: HospitalNode): Promise<number> {
  const waiting = (await listEmergencies(node, { activeOnly: true })).filter(
    (e) => !e.keysReleasedAt,
  )
  if (waiting.length === 0) return 0
  const admin = await signedInAdministrator(node)
  let released = 0
  for (const institution of new Set(waiting.map((e) => e.institution))) {
    const releaser =
      (await heldReleaser(node, institution)) ?? (admin?.institution === institution ? admin : null)
    if (!releaser) continue
    for (const emergency of waiting.filter((e) => e.institution === institution)) {
      // One release that fails (an unfunded releaser, a block not fetched in time) must not
      // hold back the others; it is tried again at the next block.
      try {
        await releaseAs(node, releaser, {
          patient: emergency.patient.address,
          staff: emergency.staff.address,
        })
        released += 1
      } catch (error) {
        node.log.warn('an emergency release failed; retrying at the next block', {
          institution,
          error: String(error),
        })
      }
    }
  }
  return released
}

/**
 * The institution's releaser when this node holds it and its secret unseals it. A key sealed by
 * another secret (a copied data folder) is unusable here: a signed-in administrator still can.
 */
async function heldReleaser(node: HospitalNode, institution: number): Promise<Releaser | null> {
  try {
    const releaser = await unsealReleaser(node, institution)
    // Each release costs gas: on the embedded chain the faucet keeps the releaser topped up.
    if (releaser) await fundFromFaucet(node, releaser.signer.address)
    return releaser
  } catch (error) {
    if (!(error instanceof NodeSecretMismatchError)) throw error
    node.log.warn('the emergency releaser key was sealed by another node secret', { institution })
    return null
  }
}

/** An institution's break-the-glass rules: who may declare, and whether release is automatic. */
export async function emergencyPolicy(
  node: HospitalNode,
  institution: number,
): Promise<EmergencyPolicyView> {
  return {
    institution,
    institutionName: listInstitutions(node).find((i) => i.id === institution)?.name ?? null,
    roles: emergencyRolesOf(node, institution),
    automaticRelease: await automaticReleaseStatus(node, institution),
  }
}

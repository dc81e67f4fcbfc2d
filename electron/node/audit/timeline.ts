/**
 * The audit trail: the registry's events (who registered, approved, uploaded, asked, granted,
 * revoked, restricted, broke the glass, anchored) and this node's read log, in one timeline.
 */
import { ZeroAddress } from 'ethers'
import { blockTimes } from '../chain/block-times.ts'
import type { IndexedEvent } from '../chain/indexer.ts'
import { NotPermittedError } from '../errors.ts'
import { memberView } from '../identity/members.ts'
import { suspensionReasons } from '../identity/suspension-reasons.ts'
import type { HospitalNode } from '../node.ts'
import { partyResolver } from '../access/parties.ts'
import {
  accessPurposes,
  emergencyReasons,
  nameOf,
  type AuditAction,
  type AuditFilter,
} from '../access/schemas.ts'
import type { AuditEntry, PartyView } from '../access/types.ts'
import { readEntries, type ReadLogEntry } from './read-log.ts'

type Party = (address: string) => PartyView
type ChainEntry = Omit<AuditEntry, 'id' | 'at' | 'source' | 'txHash'>

const blank = {
  actor: null,
  patient: null,
  subject: null,
  recordId: null,
  version: null,
  purpose: null,
  detail: null,
} as const

/** What one registry event means in the trail; null for events the trail does not show. */
function fromEvent({ name, args }: IndexedEvent, party: Party): ChainEntry | null {
  const a = (key: string) => party(args[key]!)
  const entry = (action: AuditAction, fields: Partial<ChainEntry>): ChainEntry => ({
    ...blank,
    action,
    ...fields,
  })
  switch (name) {
    case 'InstitutionAdded':
      return entry('institution-added', { subject: a('admin'), detail: args.name! })
    case 'GovernanceTransferred':
      return entry('governance-transferred', {
        // The deployment names no previous governor.
        actor: args.previousGovernor === ZeroAddress ? null : a('previousGovernor'),
        subject: a('newGovernor'),
      })
    case 'StaffRegistered':
      return entry('staff-registered', {
        actor: a('account'),
        detail: args.pending === 'true' ? 'pending approval' : 'registered by an administrator',
      })
    case 'StaffApproved':
    case 'StaffRejected':
    case 'StaffSuspended':
    case 'StaffReinstated': {
      const action = `staff-${name.slice('Staff'.length).toLowerCase()}` as AuditAction
      return entry(action, { actor: a('by'), subject: a('account') })
    }
    case 'PatientRegistered':
      return entry('patient-registered', { actor: a('relayer'), patient: a('patient') })
    case 'RecordAnchored':
      return entry(args.version === '1' ? 'record-uploaded' : 'record-versioned', {
        actor: a('uploader'),
        patient: a('patient'),
        recordId: Number(args.recordId),
        version: Number(args.version),
      })
    case 'RecordRestrictionChanged':
      return entry(args.restricted === 'true' ? 'record-restricted' : 'record-unrestricted', {
        actor: a('patient'),
        patient: a('patient'),
        recordId: Number(args.recordId),
      })
    case 'AccessRequested':
      return entry('access-requested', {
        actor: a('staff'),
        patient: a('patient'),
        purpose: nameOf(accessPurposes, Number(args.purpose)) as ChainEntry['purpose'],
      })
    case 'AccessGranted':
      return entry('access-granted', {
        actor: a('patient'),
        patient: a('patient'),
        subject: a('reader'),
        detail:
          args.expiry === '0'
            ? 'until revoked'
            : `until ${new Date(Number(args.expiry) * 1000).toISOString()}`,
      })
    case 'AccessRevoked':
      return entry('access-revoked', {
        actor: a('patient'),
        patient: a('patient'),
        subject: a('reader'),
      })
    case 'EmergencyAccessDeclared':
      return entry('emergency-declared', {
        actor: a('staff'),
        patient: a('patient'),
        purpose: nameOf(emergencyReasons, Number(args.reasonCode)) as ChainEntry['purpose'],
        detail: `until ${new Date(Number(args.expiresAt) * 1000).toISOString()}`,
      })
    case 'EmergencyKeysReleased':
      return entry('emergency-keys-released', {
        patient: a('patient'),
        subject: a('staff'),
        detail: `custodian institution ${args.institution}`,
      })
    case 'AuditHeadAnchored':
      return entry('audit-anchored', {
        actor: a('staff'),
        detail: `${args.entries} read-log entries, head ${args.head}`,
      })
    default:
      return null
  }
}

function fromRead(read: ReadLogEntry, party: Party): AuditEntry {
  const denied = read.action === 'denied'
  return {
    id: `read:${read.seq}`,
    at: read.at,
    action: denied ? 'read-denied' : 'record-read',
    actor: party(read.reader),
    patient: party(read.patient),
    subject: null,
    recordId: read.recordId,
    version: read.version,
    purpose: read.purpose,
    // A read allowed without the chain says so: "open offline as of block 12".
    detail: denied
      ? read.detail
      : `${read.action}${read.emergency ? ' during an emergency' : ''}${read.detail ? ` ${read.detail}` : ''}`,
    source: 'read-log',
    txHash: null,
  }
}

function matches(entry: AuditEntry, filter: AuditFilter): boolean {
  const is = (party: PartyView | null, address: string) =>
    party?.address.toLowerCase() === address.toLowerCase()
  if (filter.patient && !is(entry.patient, filter.patient)) return false
  if (filter.actor && !is(entry.actor, filter.actor) && !is(entry.subject, filter.actor))
    return false
  if (filter.action && entry.action !== filter.action) return false
  const day = entry.at.slice(0, 10)
  if (filter.from && day < filter.from) return false
  if (filter.to && day > filter.to) return false
  return true
}

/**
 * The trail as the signed-in account may see it: active staff (and the governor) all of it, a
 * patient their own entries only; nobody else any of it.
 */
export async function visibleTimeline(
  node: HospitalNode,
  filter: AuditFilter = {},
): Promise<AuditEntry[]> {
  const session = node.vault.requireSession()
  const member = await memberView(node, session.address)
  if (member.kind === 'patient') return auditTimeline(node, { ...filter, patient: session.address })
  if ((member.kind === 'staff' && member.status === 'active') || member.isGovernor) {
    return auditTimeline(node, filter)
  }
  throw new NotPermittedError('Only active staff, the governor and patients may read the trail')
}

/** The trail, newest first, narrowed by `filter`. */
export async function auditTimeline(
  node: HospitalNode,
  filter: AuditFilter = {},
): Promise<AuditEntry[]> {
  const party = partyResolver(node)
  const events = node.chain.indexer.events()
  const times = await blockTimes(
    node,
    events.map((e) => e.blockNumber),
  )
  // Reasons for suspensions made on this node are kept here, never on chain.
  const reasons = suspensionReasons(node.db)
  const entries: AuditEntry[] = []
  for (const event of events) {
    const described = fromEvent(event, party)
    if (!described) continue
    const reason = event.name === 'StaffSuspended' && reasons.get(event.txHash.toLowerCase())
    entries.push({
      ...described,
      ...(reason ? { detail: `suspension reason ${reason}` } : {}),
      id: `chain:${event.blockNumber}:${event.logIndex}`,
      at: times.get(event.blockNumber) ?? '',
      source: 'chain',
      txHash: event.txHash,
    })
  }
  for (const read of readEntries(node.db)) entries.push(fromRead(read, party))
  return entries
    .filter((entry) => matches(entry, filter))
    .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1))
}

/** What the access and audit features return to the UI and the CLI. */
import type { TxReceiptView } from '../identity/types.ts'
import type { AccessPurpose, AuditAction, EmergencyReason, ReadPurpose } from './schemas.ts'

/** Someone on chain, with the name this node knows for them (staff directory, patients). */
export interface PartyView {
  address: string
  name: string | null
  institution: number | null
}

export interface AccessRequestView {
  staff: PartyView
  purpose: AccessPurpose | `unknown-${number}`
  requestedAt: string
  txHash: string
  /** Answered: the patient granted this staff member access after the request. */
  answered: boolean
}

export interface GrantView {
  reader: PartyView
  /** ISO time the grant ends; null = until revoked. */
  expiresAt: string | null
  state: 'active' | 'expired' | 'revoked'
  grantedAt: string
  /** When the grant was revoked, if it was. */
  revokedAt: string | null
  /** The bundle of the record keys that existed at the grant; null when there were none. */
  keyBundleCid: string | null
  txHash: string
}

export interface EmergencyView {
  patient: PartyView
  staff: PartyView
  institution: number
  reason: EmergencyReason | `unknown-${number}`
  declaredAt: string
  expiresAt: string
  active: boolean
  /** The custodian's key bundle, once an administrator's node released it. */
  keysReleasedAt: string | null
  keyBundleCid: string | null
  /** Reads of the patient's records by this staff member during the emergency, on this node. */
  readsLogged: number
  txHash: string
}

export interface AccessOverview {
  patient: PartyView
  requests: AccessRequestView[]
  grants: GrantView[]
  restrictedRecords: number[]
  emergencies: EmergencyView[]
}

export interface AccessActionResult {
  receipt: TxReceiptView
  /** How the patient's consent reached the chain (patient actions only). */
  via?: 'patient-session' | 'relayed-signature'
  /** For grants: the key bundle published and how many record keys it carries. */
  keyBundleCid?: string | null
  keysShared?: number
}

export interface AuditEntry {
  /** `chain:<block>:<log>` or `read:<seq>`. */
  id: string
  at: string
  action: AuditAction
  /** Who acted. */
  actor: PartyView | null
  patient: PartyView | null
  /** The other party: reader of a grant, account approved, … */
  subject: PartyView | null
  recordId: number | null
  version: number | null
  purpose: ReadPurpose | AccessPurpose | EmergencyReason | null
  detail: string | null
  source: 'chain' | 'read-log'
  txHash: string | null
}

export interface AuditVerification {
  ok: boolean
  entries: number
  head: string
  anchors: { entries: number; head: string; txHash: string; blockNumber: number; ok: boolean }[]
  problems: { kind: string; seq?: number; message: string }[]
}

export interface AuditAnchorResult {
  entries: number
  head: string
  receipt: TxReceiptView | null
}

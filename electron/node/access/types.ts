/** What the access and audit features return to the UI and the CLI. */
import type { StaffRoleName } from '../identity/schemas.ts'
import type { TxReceiptView } from '../identity/types.ts'
import type { NodeSecretSource } from '../vault/node-secret.ts'
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
  /** When the patient declined it on this node; null when not (the chain keeps no refusal). */
  declinedAt: string | null
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
  /** The declarant's institution: the custodian whose node releases the keys. */
  institution: number
  institutionName: string | null
  /** The registry names a releaser for the institution: its node releases with nobody signed in. */
  automaticRelease: boolean
  reason: EmergencyReason | `unknown-${number}`
  declaredAt: string
  expiresAt: string
  active: boolean
  /** From the chain's EmergencyKeysReleased: when the custodian released the keys, and the bundle. */
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

/** One record re-keyed (access/rotation.ts): its version `rekeyed` lives on as `version`. */
export interface RotatedRecord {
  recordId: number
  rekeyed: number
  version: number
  cid: string
}

export interface AccessActionResult {
  receipt: TxReceiptView
  /** How the patient's consent reached the chain (patient actions only). */
  via?: 'patient-session' | 'relayed-signature'
  /** For grants: the key bundle published and how many record keys it carries. */
  keyBundleCid?: string | null
  keysShared?: number
  /** Records re-keyed (a restriction, or a revocation with key rotation): access/rotation.ts. */
  rotated?: RotatedRecord[]
  /** When a restriction is lifted: grants re-issued with a bundle holding the record's key. */
  grantsReissued?: number
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

/** Whether an institution's emergency keys go out with nobody signed in, and from which node. */
export interface AutomaticReleaseView {
  /** The registry names a releaser for the institution. */
  on: boolean
  releaser: string | null
  /** This node holds the releaser's key and its secret unseals it: this node releases. */
  heldHere: boolean
  /** Where this node's protected secret lives; null: none, so it can neither hold nor enable one. */
  nodeSecret: NodeSecretSource | null
  /** This node holds the releaser's key, sealed by a secret it does not have (a copied folder). */
  sealedByAnotherSecret: boolean
}

/** An institution's break-the-glass rules: who may declare, and how keys are released. */
export interface EmergencyPolicyView {
  institution: number
  institutionName: string | null
  roles: StaffRoleName[]
  automaticRelease: AutomaticReleaseView
}

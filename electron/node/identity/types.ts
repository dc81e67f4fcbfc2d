/** What the identity features return to the UI and the CLI. */
import type { PartyView } from '../access/types.ts'
import type { ErrorInfo } from '../errors.ts'
import type { StaffIdentity, StaffRoleName } from './schemas.ts'

/** A mined transaction as the receipt card shows it (paper Fig. 2, plus the block). */
export interface TxReceiptView {
  contractAddress: string
  txHash: string
  blockNumber: number
  gasUsed: string
  /** What the transaction did, e.g. 'pending approval', 'approved', 'registered'. */
  result: string
  /** The new member's gas top-up that followed, on an external chain (identity/funding.ts). */
  topUp?: TopUpOutcome
}

/** ETH sent to an account for its gas. */
export interface TopUpView {
  to: string
  /** ETH, decimal text. */
  amount: string
  txHash: string
}

/** A top-up after an approval: sent, or refused with the error (the approval stands). */
export type TopUpOutcome = TopUpView | { to: string; error: ErrorInfo }

export interface AccountView {
  address: string
  label: string
  role: 'staff' | 'patient' | 'governor' | 'admin'
  createdAt: string
  hasMnemonic: boolean
  /** 0x-prefixed compressed secp256k1 key for record-key wrapping. */
  encryptionPublicKey: string
}

export type MemberStatusName = 'none' | 'pending' | 'active' | 'suspended'

/** An account as the registry sees it. */
export interface MemberView {
  kind: 'none' | 'staff' | 'patient'
  status: MemberStatusName
  role: StaffRoleName | null
  institution: number | null
  isGovernor: boolean
  /**
   * For a key re-issued to a patient (kind 'patient'): the patient it speaks for, whose address
   * records and grants are keyed by. Absent for every other account.
   */
  patient?: string
}

/** An administrator's refusal of a staff registration, as the indexed `StaffRejected` says. */
export interface StaffRejectionView {
  at: string
  by: PartyView
  txHash: string
}

export interface SessionView {
  address: string
  label: string
  /** ISO time the session locks unless the user acts before. */
  expiresAt: string
  member: MemberView
  /** The account's last staff registration was rejected (and it has not registered since). */
  staffRejection: StaffRejectionView | null
}

export interface InstitutionView {
  id: number
  name: string
  admin: string
}

export interface StaffRow {
  address: string
  /** Known only on the node where the staff member registered: personal data stays local. */
  name: string | null
  licenceNumber: string | null
  role: StaffRoleName
  institution: number
  institutionName: string
  status: MemberStatusName
  registeredTx: string
}

/** A staff registration as an administrator reviews it (admins only: it holds the national ID). */
export interface StaffIdentityView {
  account: string
  role: StaffRoleName
  institution: number
  institutionName: string
  registeredAt: string
  /** The salted commitment to name, national ID and licence number, as the chain holds it. */
  commitment: string
  /** The IC card's data, known only on the node where the staff member registered; else null. */
  identity: StaffIdentity | null
}

export interface PatientRow {
  address: string
  name: string
  medicalRecordNumber: string
  birthDate: string
  registeredAt: string
}

/** The registration desk's result: shown once, then the patient's key leaves the node. */
export interface PatientRegistration {
  patient: PatientRow
  /** The patient's encrypted keystore, to hand over (file or QR), never kept here. */
  keystoreJson: string
  /** Generated passphrase of that keystore, shown once. */
  passphrase: string
  receipt: TxReceiptView
}

/**
 * A patient's key re-issued at the desk: the new keystore and its passphrase, handed out once as
 * at registration. `patient.address` stays the patient's identity.
 */
export interface PatientKeyReissue extends PatientRegistration {
  /** The re-issued key's account: it signs for the patient from now on, the old key no more. */
  newKey: string
  /** Keys of the patient's versions this institution holds, re-wrapped for the new key. */
  keysShared: number
  keyBundleCid: string | null
}

export interface SetupStatus {
  /** 'new-network': an embedded chain nobody has set up yet; 'ready' otherwise. */
  stage: 'new-network' | 'ready'
  chainMode: 'embedded' | 'external'
  institutions: number
  accounts: number
}

/** An institution the governor added, with the transaction's receipt. */
export interface InstitutionAdded {
  institution: InstitutionView
  receipt: TxReceiptView
}

export interface NetworkCreated {
  governor: string
  admin: string
  institution: InstitutionView
  /** The one-time paper backups of the two new accounts. */
  mnemonics: { governor: string; admin: string }
  receipts: TxReceiptView[]
}

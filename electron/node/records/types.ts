/** What the records features return to the UI and the CLI. */
import type { TxReceiptView } from '../identity/types.ts'
import type { EnteredInErrorReason } from './entered-in-error-schema.ts'
import type { RecordDetails } from './schemas.ts'

export interface RecordVersionView {
  recordId: number
  version: number
  cid: string
  patient: string
  uploader: string
  txHash: string
  blockNumber: number
  /** A key rotation: the previous version's file under a fresh key, not a clinical change. */
  keyRotation: boolean
  /**
   * The version that re-keyed this one on this node, which deleted this one's content: open that
   * version instead. Null otherwise.
   */
  rekeyedAs: number | null
  /** Marked entered in error on chain: still readable, and every reader is told. Null if not. */
  enteredInError: {
    reason: EnteredInErrorReason
    /** The staff member who marked it. */
    by: string
    blockNumber: number
    txHash: string
    /** When its block was mined (ISO 8601), filled in by the api; null where unknown. */
    at: string | null
  } | null
  /**
   * Known on this node when it uploaded or opened the version; null otherwise, and null to a
   * caller who may not read the version: its title and file name say what it is about.
   */
  details: (RecordDetails & { size: number }) | null
  /** Set instead of `details` for a caller without access: what they may know of the version. */
  withheld?: WithheldDetails
}

/** What a caller without access learns of a version: that it exists, its category and date. */
export type WithheldDetails = Pick<RecordDetails, 'category' | 'dateOfCare'>

export interface RecordView {
  recordId: number
  patient: string
  versions: RecordVersionView[]
}

export interface UploadResult {
  recordId: number
  version: number
  cid: string
  receipt: TxReceiptView
}

/** What was checked before anything was shown. */
export interface IntegrityReport {
  manifestCid: string
  contentCid: string
  recordId: number
  version: number
  patient: string
  uploader: string
  /** The manifest block's SHA-256 matched the anchored CID. */
  manifestVerified: true
  /** Every segment's AES-GCM tag checked, and the final segment present. */
  segmentsVerified: number
  /** SHA-256 of the plaintext, equal to the one sealed in the manifest. */
  sha256: string
}

export interface OpenedRecord {
  details: RecordDetails & { size: number }
  integrity: IntegrityReport
  /**
   * Null when the chain allowed this read; while it could not be reached, the block and time of
   * this node's index the read was allowed on (access/offline-access.ts).
   */
  offline: { block: number; checkedAt: string } | null
  /** The decrypted file, base64; only after the whole file verified. */
  contentBase64: string
}

/** An upload of the signed-in account still taking chunks (its page may have been reloaded). */
export interface UploadInProgressView {
  uploadId: string
  patient: string
  /** A new version of this record; null for a new record. */
  recordId: number | null
  title: string
  fileName: string
  size: number
  /** Bytes the node has taken: a resumed upload sends the file from here. */
  received: number
  /** ISO 8601. */
  startedAt: string
}

/** The local index of record versions: fed by RecordAnchored events, enriched with metadata. */
import { getAddress, getBytes } from 'ethers'
import { CID } from 'multiformats/cid'
import type { IndexedEvent, Projection } from '../chain/indexer.ts'
import { joinCid } from '../chain/registry-artifact.ts'
import type { Database } from '../db/database.ts'
import { reasonOfCode } from './entered-in-error-schema.ts'
import type { RecordDetails } from './schemas.ts'
import type { RecordVersionView, RecordView } from './types.ts'

/** The anchored CID bytes as text: one canonical form for the index and the UI. */
export function cidText(bytesHex: string): string {
  return CID.decode(getBytes(bytesHex)).toString()
}

/**
 * A projection for the event indexer: one row per anchored version. A rolled-back version's row
 * goes with its clear metadata, which comes back when the version is opened again.
 */
export function projectRecords(db: Database): Projection {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO records (record_id, version, cid, patient, uploader, tx_hash, block_number)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const markEnteredInError = db.prepare(
    `UPDATE records SET error_reason = ?, error_by = ?, error_block = ?, error_tx_hash = ?
     WHERE record_id = ? AND version = ?`,
  )
  const forgetVersions = db.prepare('DELETE FROM records WHERE block_number > ?')
  const forgetErrorMarks = db.prepare(
    `UPDATE records SET error_reason = NULL, error_by = NULL, error_block = NULL,
       error_tx_hash = NULL WHERE error_block > ?`,
  )
  const apply = (events: IndexedEvent[]) => {
    for (const { name, args, txHash, blockNumber } of events) {
      if (name === 'RecordEnteredInError') {
        markEnteredInError.run(
          Number(args.reason),
          getAddress(args.staff!),
          blockNumber,
          txHash,
          Number(args.recordId),
          Number(args.version),
        )
        continue
      }
      if (name !== 'RecordAnchored') continue
      insert.run(
        Number(args.recordId),
        Number(args.version),
        cidText(joinCid(args.cidPrefix!, args.cidDigest!)),
        getAddress(args.patient!),
        getAddress(args.uploader!),
        txHash,
        blockNumber,
      )
    }
  }
  return {
    apply,
    rollBackAfter(block) {
      forgetVersions.run(block)
      forgetErrorMarks.run(block)
    },
  }
}

export function saveDetails(
  db: Database,
  cid: string,
  details: RecordDetails & { size: number; sha256: string },
): void {
  db.prepare(
    `UPDATE records SET title = ?, category = ?, date_of_care = ?, file_name = ?, mime = ?, size = ?,
       content_sha256 = ? WHERE cid = ?`,
  ).run(
    details.title,
    details.category,
    details.dateOfCare,
    details.fileName,
    details.mime,
    details.size,
    details.sha256,
    cid,
  )
}

interface Row {
  record_id: number
  version: number
  cid: string
  patient: string
  uploader: string
  tx_hash: string
  block_number: number
  title: string | null
  category: string | null
  date_of_care: string | null
  file_name: string | null
  mime: string | null
  size: number | null
  key_rotation: number
  rekeyed_as: number | null
  error_reason: number | null
  error_by: string | null
  error_block: number | null
  error_tx_hash: string | null
}

function versionView(row: Row): RecordVersionView {
  return {
    recordId: row.record_id,
    version: row.version,
    cid: row.cid,
    patient: row.patient,
    uploader: row.uploader,
    txHash: row.tx_hash,
    blockNumber: row.block_number,
    keyRotation: row.key_rotation === 1,
    rekeyedAs: row.rekeyed_as,
    enteredInError:
      row.error_reason === null
        ? null
        : {
            reason: reasonOfCode(row.error_reason),
            by: row.error_by!,
            blockNumber: row.error_block!,
            txHash: row.error_tx_hash!,
            at: null,
          },
    details:
      row.title === null
        ? null
        : {
            title: row.title,
            category: row.category as RecordDetails['category'],
            dateOfCare: row.date_of_care!,
            fileName: row.file_name!,
            mime: row.mime!,
            size: row.size!,
          },
  }
}

/** A patient's records, newest first, each with every version, newest first. */
export function listRecords(db: Database, patient: string): RecordView[] {
  const rows = db
    .prepare('SELECT * FROM records WHERE patient = ? ORDER BY record_id DESC, version DESC')
    .all(getAddress(patient)) as unknown as Row[]
  const records = new Map<number, RecordView>()
  for (const row of rows) {
    const record = records.get(row.record_id) ?? {
      recordId: row.record_id,
      patient: row.patient,
      versions: [],
    }
    record.versions.push(versionView(row))
    records.set(row.record_id, record)
  }
  return [...records.values()]
}

export function findVersion(db: Database, cid: string): RecordVersionView | undefined {
  const row = db.prepare('SELECT * FROM records WHERE cid = ?').get(cid) as Row | undefined
  return row ? versionView(row) : undefined
}

export function latestVersion(db: Database, recordId: number): RecordVersionView | undefined {
  const row = db
    .prepare('SELECT * FROM records WHERE record_id = ? ORDER BY version DESC LIMIT 1')
    .get(recordId) as Row | undefined
  return row ? versionView(row) : undefined
}

/** A version of this patient's records with the same plaintext, if this node knows one. */
export function findByContent(
  db: Database,
  patient: string,
  sha256: string,
): RecordVersionView | undefined {
  const row = db
    .prepare('SELECT * FROM records WHERE patient = ? AND content_sha256 = ? LIMIT 1')
    .get(getAddress(patient), sha256) as Row | undefined
  return row ? versionView(row) : undefined
}

/**
 * Marks `rotationCid` as a key rotation (known from its manifest); with `retired`, also that this
 * node deleted the content of the version it re-keyed, `previousCid`.
 */
export function markKeyRotation(
  db: Database,
  rotationCid: string,
  previousCid: string,
  retired: boolean,
): void {
  db.prepare('UPDATE records SET key_rotation = 1 WHERE cid = ?').run(rotationCid)
  if (!retired) return
  db.prepare(
    'UPDATE records SET rekeyed_as = (SELECT version FROM records WHERE cid = ?) WHERE cid = ?',
  ).run(rotationCid, previousCid)
}

/**
 * The node's read log: who opened which record version, when and why, and who was refused. Each
 * entry's hash covers the previous entry's hash and the entry itself, from a genesis hash unique
 * to this node's log, so an entry cannot be changed, removed or inserted without breaking every
 * hash after it; heads anchored on chain (anchor.ts) make even a rewrite of the whole tail show.
 */
import { createHash, randomBytes } from 'node:crypto'
import { transaction, type Database } from '../db/database.ts'
import type { ReadPurpose } from '../access/schemas.ts'

export const READ_LOG_FORMAT = 'emr-node/read-log/v1'

export type ReadAction = 'open' | 'save' | 'verify' | 'denied'

export interface ReadLogEntry {
  seq: number
  at: string
  reader: string
  patient: string
  recordId: number
  version: number
  cid: string
  action: ReadAction
  purpose: ReadPurpose
  emergency: boolean
  /** The refusal's error code, for denied reads. */
  detail: string | null
  hash: string
}

export type NewReadLogEntry = Omit<ReadLogEntry, 'seq' | 'at' | 'hash'>

const selectEntries = `SELECT seq, at, reader, patient, record_id AS recordId, version, cid, action,
  purpose, emergency, detail, hash FROM read_log`

/** The hash before the first entry: binds the chain to this node's log id. */
export function genesisHash(db: Database): string {
  db.prepare("INSERT OR IGNORE INTO node_meta (key, value) VALUES ('read_log_id', ?)").run(
    randomBytes(16).toString('hex'),
  )
  const { value } = db.prepare("SELECT value FROM node_meta WHERE key = 'read_log_id'").get() as {
    value: string
  }
  return createHash('sha256').update(`${READ_LOG_FORMAT}|${value}`).digest('hex')
}

/** The hash of one entry, chained to the previous one. */
export function entryHash(previous: string, entry: Omit<ReadLogEntry, 'hash'>): string {
  const fields = [
    entry.seq,
    entry.at,
    entry.reader.toLowerCase(),
    entry.patient.toLowerCase(),
    entry.recordId,
    entry.version,
    entry.cid,
    entry.action,
    entry.purpose,
    entry.emergency,
    entry.detail,
  ]
  return createHash('sha256')
    .update(`${previous}\n${JSON.stringify(fields)}`)
    .digest('hex')
}

function rowToEntry(row: Record<string, unknown>): ReadLogEntry {
  return { ...(row as unknown as ReadLogEntry), emergency: row.emergency === 1 }
}

/** Appends one entry (in a transaction, so the chain never forks) and returns it. */
export function appendRead(db: Database, input: NewReadLogEntry): ReadLogEntry {
  return transaction(db, () => {
    const last = db.prepare('SELECT seq, hash FROM read_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined
    const entry = {
      ...input,
      seq: (last?.seq ?? 0) + 1,
      at: new Date().toISOString(),
    }
    const hash = entryHash(last?.hash ?? genesisHash(db), entry)
    db.prepare(
      `INSERT INTO read_log (seq, at, reader, patient, record_id, version, cid, action, purpose, emergency, detail, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.seq,
      entry.at,
      entry.reader,
      entry.patient,
      entry.recordId,
      entry.version,
      entry.cid,
      entry.action,
      entry.purpose,
      entry.emergency ? 1 : 0,
      entry.detail,
      hash,
    )
    return { ...entry, hash }
  })
}

export function readEntries(db: Database): ReadLogEntry[] {
  return (db.prepare(`${selectEntries} ORDER BY seq`).all() as Record<string, unknown>[]).map(
    rowToEntry,
  )
}

/** The log's head: its entry count and the last hash (the genesis hash when empty). */
export function readLogHead(db: Database): { entries: number; head: string } {
  const last = db.prepare('SELECT seq, hash FROM read_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined
  return last ? { entries: last.seq, head: last.hash } : { entries: 0, head: genesisHash(db) }
}

import { closeSync, openSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { PRIVATE_FILE_MODE } from '../data-folder.ts'
import { migrations } from './migrations.ts'

export type Database = DatabaseSync

/** Opens (creating if needed) the node's SQLite file and brings its schema up to date. */
export function openDatabase(path: string): Database {
  // SQLite creates a new database 0644, and its -wal and -shm files with the database's mode:
  // created here first, all three are the owner's only.
  if (path !== ':memory:') closeSync(openSync(path, 'a', PRIVATE_FILE_MODE))
  const db = new DatabaseSync(path)
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;')
  migrate(db)
  return db
}

export function schemaVersion(db: Database): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number }
  return row.user_version
}

/** Applies every pending migration, each in its own transaction with its version bump. */
export function migrate(db: Database): void {
  for (let version = schemaVersion(db); version < migrations.length; version++) {
    transaction(db, () => {
      db.exec(migrations[version]!)
      db.exec(`PRAGMA user_version = ${version + 1}`)
    })
  }
}

/** Runs `work` in one transaction: all of it lands, or none. */
export function transaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = work()
    db.exec('COMMIT')
    return result
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}

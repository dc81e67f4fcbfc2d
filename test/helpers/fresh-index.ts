import { registryInterface } from '../../electron/node/chain/chain-service.ts'
import { EventIndexer } from '../../electron/node/chain/indexer.ts'
import { openDatabase, type Database } from '../../electron/node/db/database.ts'
import { silentLogger } from '../../electron/node/log.ts'
import type { HospitalNode } from '../../electron/node/node.ts'
import { projectRecords } from '../../electron/node/records/record-index.ts'

/** The `records` columns the chain decides (the clear metadata is known only where opened). */
export function anchoredVersions(db: Database) {
  return db
    .prepare(
      `SELECT record_id, version, cid, patient, uploader, tx_hash, block_number, error_reason,
         error_by, error_block, error_tx_hash FROM records ORDER BY record_id, version`,
    )
    .all()
}

/**
 * What a node that never saw anything else indexes from the chain and registry `node` uses now:
 * the events and the record versions.
 */
export async function freshIndex(node: HospitalNode) {
  const db = openDatabase(':memory:')
  const indexer = new EventIndexer({
    db,
    provider: node.chain.provider,
    iface: registryInterface,
    address: node.chain.deployment.contractAddress,
    chainId: node.chain.chainId,
    fromBlock: 0,
    log: silentLogger,
  })
  indexer.project(projectRecords(db))
  await indexer.sync()
  const index = { events: indexer.events(), versions: anchoredVersions(db) }
  db.close()
  return index
}

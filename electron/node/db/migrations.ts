/**
 * Versioned schema migrations. Each entry moves the schema from version i to i + 1; never edit a
 * shipped entry, append a new one. The applied version lives in SQLite's `user_version`.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE tx_outbox (
    id INTEGER PRIMARY KEY,
    intent TEXT NOT NULL,
    from_address TEXT NOT NULL,
    nonce INTEGER NOT NULL,
    raw_tx TEXT NOT NULL,
    tx_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('signed', 'sent', 'mined', 'reverted', 'dropped')),
    block_number INTEGER,
    gas_used TEXT,
    contract_address TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE INDEX tx_outbox_open ON tx_outbox (from_address, nonce) WHERE status IN ('signed', 'sent');
  CREATE INDEX tx_outbox_intent ON tx_outbox (intent);

  CREATE TABLE chain_events (
    block_number INTEGER NOT NULL,
    log_index INTEGER NOT NULL,
    tx_hash TEXT NOT NULL,
    name TEXT NOT NULL,
    args TEXT NOT NULL,
    PRIMARY KEY (block_number, log_index)
  );
  CREATE INDEX chain_events_name ON chain_events (name);

  CREATE TABLE indexer_cursor (
    contract_address TEXT PRIMARY KEY,
    next_block INTEGER NOT NULL
  );
  `,
  `
  -- Personal data of staff registered from this node: the chain holds only its commitment.
  CREATE TABLE staff_identities (
    address TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    national_id TEXT NOT NULL,
    licence_number TEXT NOT NULL,
    salt TEXT NOT NULL,
    commitment TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );

  -- The registration desk's patient directory: name, MRN and birth date -> patient address.
  CREATE TABLE patients (
    address TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    medical_record_number TEXT NOT NULL UNIQUE,
    birth_date TEXT NOT NULL,
    salt TEXT NOT NULL,
    commitment TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    tx_hash TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE INDEX patients_name ON patients (name COLLATE NOCASE);
  `,
  `
  -- Every anchored record version, projected from RecordAnchored events. The clear metadata is
  -- known only on nodes that uploaded or opened the version.
  CREATE TABLE records (
    record_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    cid TEXT NOT NULL UNIQUE,
    patient TEXT NOT NULL,
    uploader TEXT NOT NULL,
    tx_hash TEXT NOT NULL,
    block_number INTEGER NOT NULL,
    title TEXT,
    category TEXT,
    date_of_care TEXT,
    file_name TEXT,
    mime TEXT,
    size INTEGER,
    content_sha256 TEXT,
    PRIMARY KEY (record_id, version)
  );
  CREATE INDEX records_patient ON records (patient);
  CREATE INDEX records_content ON records (patient, content_sha256);

  -- Uploads in progress, so a crash is resumed or rolled back at the next start.
  CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('adding', 'anchoring', 'done', 'rolled-back')),
    patient TEXT NOT NULL,
    record_id INTEGER,
    content_cid TEXT,
    manifest_cid TEXT,
    tx_hash TEXT,
    metadata TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  `,
  `
  -- The node's read log: who opened which record version, when, why. Each entry's hash chains
  -- the previous one (electron/node/audit/read-log.ts), and heads are anchored on chain.
  CREATE TABLE read_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    reader TEXT NOT NULL,
    patient TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    cid TEXT NOT NULL,
    action TEXT NOT NULL,
    purpose TEXT NOT NULL,
    emergency INTEGER NOT NULL,
    detail TEXT,
    hash TEXT NOT NULL
  );
  CREATE INDEX read_log_patient ON read_log (patient);

  -- Heads of the read log this node anchored on chain.
  CREATE TABLE audit_anchors (
    entries INTEGER PRIMARY KEY,
    head TEXT NOT NULL,
    tx_hash TEXT NOT NULL,
    block_number INTEGER NOT NULL
  );

  -- Facts about this node set once (the read log's id).
  CREATE TABLE node_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  -- Block timestamps for the audit timeline, fetched once each.
  CREATE TABLE block_times (
    block_number INTEGER PRIMARY KEY,
    timestamp INTEGER NOT NULL
  );
  `,
  `
  -- A patient's "no" to an access request. The registry has no refusal (no grant is the
  -- answer), so the decline is kept by the node where the patient gave it.
  CREATE TABLE access_request_declines (
    request_tx_hash TEXT PRIMARY KEY,
    patient TEXT NOT NULL,
    declined_at TEXT NOT NULL
  );

  -- Why an administrator suspended a staff member, as a reason code: kept here, never on chain.
  CREATE TABLE staff_suspension_reasons (
    tx_hash TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    reason TEXT NOT NULL
  );
  `,
  `
  -- The institution emergency releasers whose key this node holds, sealed by the node's own
  -- secret (vault/node-secret.ts): a copy of this table opens nothing without that secret.
  CREATE TABLE emergency_releasers (
    institution INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    encryption_public_key TEXT NOT NULL,
    sealed_key BLOB NOT NULL,
    secret_source TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  -- Key bundles that hand a releaser the custodian keys of versions older than the releaser.
  CREATE TABLE emergency_releaser_bundles (
    releaser TEXT NOT NULL,
    patient TEXT NOT NULL,
    cid TEXT NOT NULL,
    PRIMARY KEY (releaser, patient, cid)
  );
  `,
  `
  -- Key rotations (access/rotation.ts): a version that is the previous one's file under a fresh
  -- key, and, on the version it re-keyed, which version replaced it (this node then deleted the
  -- old version's content blocks, so it is opened through its replacement).
  ALTER TABLE records ADD COLUMN key_rotation INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE records ADD COLUMN rekeyed_as INTEGER;
  `,
  `
  -- Versions marked entered in error (RecordEnteredInError): the reason code, who marked it and
  -- where on chain. The version stays readable; readers are told.
  ALTER TABLE records ADD COLUMN error_reason INTEGER;
  ALTER TABLE records ADD COLUMN error_by TEXT;
  ALTER TABLE records ADD COLUMN error_block INTEGER;
  ALTER TABLE records ADD COLUMN error_tx_hash TEXT;
  `,
  `
  -- Hashes of the last blocks the event indexer took (chain/indexer.ts): each sync checks that
  -- the chain still has them, and rolls the index back to the newest it still has (a reorg).
  CREATE TABLE indexed_blocks (
    block_number INTEGER PRIMARY KEY,
    hash TEXT NOT NULL
  );
  `,
  `
  -- A transaction the chain refused at broadcast (missing funds, say) is 'failed' (chain/outbox.ts):
  -- never sent again, so a later start does not stop on it. SQLite cannot change a CHECK
  -- constraint in place: the table is rebuilt with the same rows and indexes.
  CREATE TABLE tx_outbox_next (
    id INTEGER PRIMARY KEY,
    intent TEXT NOT NULL,
    from_address TEXT NOT NULL,
    nonce INTEGER NOT NULL,
    raw_tx TEXT NOT NULL,
    tx_hash TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL
      CHECK (status IN ('signed', 'sent', 'mined', 'reverted', 'dropped', 'failed')),
    block_number INTEGER,
    gas_used TEXT,
    contract_address TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  INSERT INTO tx_outbox_next SELECT id, intent, from_address, nonce, raw_tx, tx_hash, status,
    block_number, gas_used, contract_address, created_at, updated_at FROM tx_outbox;
  DROP TABLE tx_outbox;
  ALTER TABLE tx_outbox_next RENAME TO tx_outbox;
  CREATE INDEX tx_outbox_open ON tx_outbox (from_address, nonce) WHERE status IN ('signed', 'sent');
  CREATE INDEX tx_outbox_intent ON tx_outbox (intent);
  `,
  `
  -- The keyed fingerprint of a version's plaintext, copied from its manifest once read
  -- (records/fingerprint.ts): how an upload finds the same file anchored for the patient at
  -- another hospital. fingerprint_read: the manifest was read (an old one may carry none).
  ALTER TABLE records ADD COLUMN content_fingerprint TEXT;
  ALTER TABLE records ADD COLUMN fingerprint_read INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX records_fingerprint ON records (patient, content_fingerprint);
  `,
  `
  -- Replication (replication/replicator.ts): each anchored record version (its manifest CID) and
  -- each key bundle a grant, emergency release or key re-issue points to, with what this node did
  -- about it. anchored: 0 once a reorganisation took its event back (its replica is then dropped
  -- unless the chain anchors it again). content_cid: the version's content, once its manifest
  -- was read. next_check_at: when it is looked at again (milliseconds since the epoch).
  CREATE TABLE replicas (
    cid TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('version', 'bundle')),
    block_number INTEGER NOT NULL,
    anchored INTEGER NOT NULL DEFAULT 1,
    state TEXT NOT NULL DEFAULT 'pending'
      CHECK (state IN ('pending', 'pinned', 'held', 'standby', 'failed', 'retired')),
    content_cid TEXT,
    holders INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_check_at INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  );
  CREATE INDEX replicas_due ON replicas (next_check_at) WHERE state IN ('pending', 'standby', 'failed');
  `,
]

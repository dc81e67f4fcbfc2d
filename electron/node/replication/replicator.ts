/**
 * Replication: every anchored record version's blocks (manifest and encrypted content) and every
 * key bundle the chain points readers to are pinned on `replication.copies` nodes, so a record
 * stays readable while the node that uploaded it is down. Each node follows the anchor events,
 * counts who holds each CID (the pin census, ipfs/pin-census.ts) and pins what the rendezvous
 * choice (placement.ts) gives it. It moves ciphertext only: nothing here holds or needs a key.
 * What it did about each CID lives in the `replicas` table, which only this module writes.
 */
import { CID } from 'multiformats/cid'
import { getBytes } from 'ethers'
import type { IndexedEvent, Projection } from '../chain/indexer.ts'
import { joinCid } from '../chain/registry-artifact.ts'
import { CoalescingTask } from '../coalescing-task.ts'
import type { HospitalNode } from '../node.ts'
import { decodeManifest } from '../records/manifest.ts'
import { cidText, markKeyRotation } from '../records/record-index.ts'
import { discardOrphanedUpload, uploadOfManifest } from './orphaned-uploads.ts'
import { nodesToPin, wantedCopies, type ReplicaCopies } from './placement.ts'

/** Events whose `keyBundleCid` names a bundle readers fetch. */
const BUNDLE_EVENTS = new Set(['AccessGranted', 'EmergencyKeysReleased', 'PatientKeyReissued'])

/** CIDs looked at in one pass; the rest wait for the next. */
const PASS_LIMIT = 512

/** Under-replicated versions listed by `status()`. */
const LISTED_LIMIT = 100

export interface ReplicatorOptions {
  /** How often due work is looked at, besides after each indexed block. @default 10_000 */
  intervalMs?: number
  /**
   * How long a CID another node was chosen for waits before its holders are counted again, so a
   * holder that left is replaced. @default 300_000
   */
  repairIntervalMs?: number
  /** CIDs fetched and pinned at once. @default 2 */
  concurrency?: number
  /** Time a fetch may wait for the next block from the swarm. @default 60_000 */
  fetchTimeoutMs?: number
  /** How long `status()` reuses its count, so a polling screen does not flood the swarm. @default 10_000 */
  statusMaxAgeMs?: number
  /** First wait after a failed fetch, doubled at each failure up to 10 minutes. @default 5_000 */
  retryBaseMs?: number
}

type ReplicaState = 'pending' | 'pinned' | 'held' | 'standby' | 'failed' | 'retired'

interface ReplicaRow {
  cid: string
  kind: 'version' | 'bundle'
  block_number: number
  anchored: number
  state: ReplicaState
  content_cid: string | null
  holders: number | null
  attempts: number
  last_error: string | null
}

/** One under-replicated version, as the status screen lists it. */
export interface UnderReplicatedVersion {
  recordId: number
  version: number
  cid: string
  holders: number
}

/** What the status screen shows of replication. */
export interface ReplicationStatus {
  /** The setting. */
  copies: ReplicaCopies
  /** Nodes each version should be on now: the setting, at most the nodes there are. */
  target: number
  /** Nodes that can hold replicas now: this one and the peers that answered the census. */
  nodes: number
  /** Anchored record versions. */
  versions: number
  /** Versions held by at least `target` nodes. */
  fullyReplicated: number
  /** The first LISTED_LIMIT versions held by fewer, oldest first. */
  underReplicated: UnderReplicatedVersion[]
  /** How many CIDs (versions and key bundles) this node holds as a replica, and still fetches. */
  local: { pinned: number; pending: number; failed: number }
}

interface Census {
  /** This node and the peers that answered. */
  nodes: string[]
  holders: Map<string, Set<string>>
}

export class Replicator {
  readonly #node: HospitalNode
  readonly #intervalMs: number
  readonly #repairIntervalMs: number
  readonly #concurrency: number
  readonly #fetchTimeoutMs: number
  readonly #statusMaxAgeMs: number
  readonly #retryBaseMs: number
  readonly #passes = new CoalescingTask(() => this.#pass())
  #status: { at: number; copies: ReplicaCopies; counting: Promise<ReplicationStatus> } | undefined
  #abort = new AbortController()
  #timer: NodeJS.Timeout | undefined
  readonly #onBlock = () => this.#kick()

  constructor(node: HospitalNode, options: ReplicatorOptions = {}) {
    this.#node = node
    this.#intervalMs = options.intervalMs ?? 10_000
    this.#repairIntervalMs = options.repairIntervalMs ?? 300_000
    this.#concurrency = options.concurrency ?? 2
    this.#fetchTimeoutMs = options.fetchTimeoutMs ?? 60_000
    this.#statusMaxAgeMs = options.statusMaxAgeMs ?? 10_000
    this.#retryBaseMs = options.retryBaseMs ?? 5_000
  }

  /**
   * The indexer projection that records what to replicate: one row per anchored version and per
   * key bundle, marked unanchored when a reorganisation takes its event back.
   */
  projection(): Projection {
    const db = this.#node.db
    const upsert = db.prepare(
      `INSERT INTO replicas (cid, kind, block_number) VALUES (?, ?, ?)
       ON CONFLICT (cid) DO UPDATE SET block_number = excluded.block_number, anchored = 1`,
    )
    const unanchor = db.prepare('UPDATE replicas SET anchored = 0 WHERE block_number > ?')
    return {
      apply: (events: IndexedEvent[]) => {
        for (const event of events) {
          const item = replicatedItem(event)
          if (item) upsert.run(item.cid, item.kind, event.blockNumber)
        }
      },
      rollBackAfter: (block) => {
        unanchor.run(block)
      },
    }
  }

  /** Starts following: a pass now, after each indexed block, and every `intervalMs`. */
  start(): void {
    this.#abort = new AbortController()
    this.#node.events.on('block', this.#onBlock)
    this.#timer = setInterval(this.#onBlock, this.#intervalMs)
    this.#timer.unref()
    this.#kick()
  }

  /** Stops the timers and aborts fetches in flight; resolves once the running pass ended. */
  async stop(): Promise<void> {
    clearInterval(this.#timer)
    this.#node.events.off('block', this.#onBlock)
    this.#abort.abort(new Error('The replicator stopped'))
    await this.#passes.idle()
  }

  /** Runs a pass (after the one running, if any): what tests and the status screen wait for. */
  runPass(): Promise<void> {
    return this.#passes.run()
  }

  /** Makes every CID another node holds due at the next pass, so its holders are counted anew. */
  repairNow(): Promise<void> {
    this.#node.db
      .prepare(`UPDATE replicas SET next_check_at = 0 WHERE state IN ('standby', 'failed')`)
      .run()
    return this.runPass()
  }

  /**
   * Replica counts of every anchored version, counted afresh; an answer is reused for
   * `statusMaxAgeMs` while the setting stays, so a screen that polls asks the swarm no more
   * often than that.
   */
  status(): Promise<ReplicationStatus> {
    const now = Date.now()
    const copies = this.#copies()
    const cached = this.#status
    if (cached && now - cached.at <= this.#statusMaxAgeMs && cached.copies === copies) {
      return cached.counting
    }
    const counting = this.#countReplicas()
    this.#status = { at: now, copies, counting }
    counting.catch(() => {
      if (this.#status?.counting === counting) this.#status = undefined
    })
    return counting
  }

  async #countReplicas(): Promise<ReplicationStatus> {
    const copies = this.#copies()
    const versions = this.#node.db
      .prepare(
        `SELECT r.cid, r.record_id AS recordId, r.version FROM records r
         JOIN replicas p ON p.cid = r.cid
         WHERE p.state <> 'retired' AND r.rekeyed_as IS NULL ORDER BY r.block_number, r.record_id, r.version`,
      )
      .all() as { cid: string; recordId: number; version: number }[]
    const census = await this.#census(
      versions.map((v) => v.cid),
      this.#abort.signal,
    )
    const target = wantedCopies(copies, census.nodes.length)
    const under: UnderReplicatedVersion[] = []
    let fullyReplicated = 0
    for (const version of versions) {
      const holders = census.holders.get(version.cid)?.size ?? 0
      if (holders >= target) fullyReplicated++
      else under.push({ ...version, holders })
    }
    const local = Object.fromEntries(
      (
        this.#node.db
          .prepare(`SELECT state, COUNT(*) AS n FROM replicas WHERE anchored = 1 GROUP BY state`)
          .all() as { state: ReplicaState; n: number }[]
      ).map((row) => [row.state, row.n]),
    ) as Partial<Record<ReplicaState, number>>
    return {
      copies,
      target,
      nodes: census.nodes.length,
      versions: versions.length,
      fullyReplicated,
      underReplicated: under.slice(0, LISTED_LIMIT),
      local: { pinned: local.pinned ?? 0, pending: local.pending ?? 0, failed: local.failed ?? 0 },
    }
  }

  #kick(): void {
    this.runPass().catch((error: unknown) => {
      if (this.#abort.signal.aborted) return
      this.#node.log.warn('replication pass failed; retrying later', { error: String(error) })
    })
  }

  #copies(): ReplicaCopies {
    return this.#node.settings.get().replication.copies
  }

  async #pass(): Promise<void> {
    const signal = this.#abort.signal
    if (signal.aborted) return
    await this.#dropUnanchored(signal)
    const due = this.#node.db
      .prepare(
        `SELECT * FROM replicas WHERE anchored = 1 AND state IN ('pending', 'standby', 'failed')
         AND next_check_at <= ? ORDER BY block_number LIMIT ?`,
      )
      .all(Date.now(), PASS_LIMIT) as unknown as ReplicaRow[]
    if (due.length === 0) return
    const census = await this.#census(
      due.map((row) => row.cid),
      signal,
    )
    const copies = this.#copies()
    const self = this.#node.ipfs.peerId
    const chosen: ReplicaRow[] = []
    for (const row of due) {
      const holders = census.holders.get(row.cid) ?? new Set()
      if (row.kind === 'version' && row.state === 'pending' && holders.size > 0) {
        try {
          await this.#retireRekeyed(row.cid, signal)
        } catch (error) {
          signal.throwIfAborted()
          this.#setState(row.cid, 'pending', this.#retryLater(row, String(error)))
          continue
        }
      }
      if (holders.has(self)) {
        // The uploading node, the bundle's publisher, or a pin a crash left unrecorded.
        this.#setState(row.cid, 'held', { holders: holders.size })
      } else if (holders.size === 0) {
        // No connected node has it (peers not connected yet, or its holders are down): a fetch
        // would only wait out its time limit. Counted again later, less often each time.
        this.#setState(row.cid, 'pending', this.#retryLater(row, 'no connected node holds it'))
      } else if (
        nodesToPin({ cid: row.cid, nodes: census.nodes, holders, copies }).includes(self)
      ) {
        chosen.push(row)
      } else {
        this.#setState(row.cid, 'standby', {
          holders: holders.size,
          nextCheckAt: Date.now() + this.#repairIntervalMs,
        })
      }
    }
    await eachWithLimit(chosen, this.#concurrency, (row) => this.#replicate(row, signal))
  }

  /** Fetches and pins one CID: a version's content DAG, then its manifest (so a pinned manifest means a whole copy). */
  async #replicate(row: ReplicaRow, signal: AbortSignal): Promise<void> {
    const options = { signal, timeoutMs: this.#fetchTimeoutMs }
    const cid = CID.parse(row.cid)
    try {
      let content: string | null = null
      if (row.kind === 'version') {
        const manifest = decodeManifest(await this.#node.ipfs.getBlock(cid, options))
        content = manifest.content
        await this.#node.ipfs.pin(CID.parse(content), options)
      }
      await this.#node.ipfs.pin(cid, options)
      this.#setState(row.cid, 'pinned', { contentCid: content, holders: (row.holders ?? 0) + 1 })
      this.#node.log.info('replicated', { cid: row.cid, kind: row.kind })
    } catch (error) {
      if (signal.aborted) return
      const retry = this.#retryLater(row, (error as { code?: string }).code ?? String(error))
      this.#setState(row.cid, 'failed', retry)
      this.#node.log.warn('replication fetch failed; retrying later', {
        cid: row.cid,
        attempts: retry.attempts,
        error: String(error),
      })
    }
  }

  /**
   * When `cid` is a key rotation of the version before it (access/rotation.ts), retires that
   * version here as the rotating node did on itself (records/rekeyed-version.ts): its content
   * blocks are deleted, so this node stops serving a ciphertext whose key readers who lost
   * access may hold, it is never fetched again by a repair, and opening it here names the
   * rotation. Its manifest stays. Only a record with an earlier version not yet retired costs the
   * read of the new manifest.
   */
  async #retireRekeyed(cid: string, signal: AbortSignal): Promise<void> {
    const previous = this.#node.db
      .prepare(
        `SELECT q.cid, p.content_cid AS contentCid FROM records r
         JOIN records q ON q.record_id = r.record_id AND q.version = r.version - 1
         JOIN replicas p ON p.cid = q.cid
         WHERE r.cid = ? AND p.state <> 'retired'`,
      )
      .get(cid) as { cid: string; contentCid: string | null } | undefined
    if (!previous) return
    const { ipfs } = this.#node
    const options = { signal, timeoutMs: this.#fetchTimeoutMs }
    const rotation = decodeManifest(await ipfs.getBlock(CID.parse(cid), options))
    if (!rotation.keyRotation || rotation.previous !== previous.cid) return
    const previousCid = CID.parse(previous.cid)
    const content =
      previous.contentCid ??
      ((await ipfs.hasBlock(previousCid, { signal }))
        ? decodeManifest(await ipfs.getBlock(previousCid, options)).content
        : null)
    if (content) await ipfs.discard(CID.parse(content), { signal })
    this.#setState(previous.cid, 'retired')
    markKeyRotation(this.#node.db, cid, previous.cid, true)
    this.#node.log.info('retired a re-keyed version', { cid: previous.cid, rotation: cid })
  }

  /** The next attempt after `row`'s: waits double from `retryBaseMs`, up to 10 minutes. */
  #retryLater(row: ReplicaRow, lastError: string) {
    const attempts = row.attempts + 1
    const wait = Math.min(this.#retryBaseMs * 2 ** (attempts - 1), 600_000)
    return { attempts, lastError, nextCheckAt: Date.now() + wait }
  }

  /**
   * CIDs whose event a reorganisation took back: once the chain confirms it no longer anchors a
   * version, this node's replica is dropped, and an upload of this node's is rolled back (its
   * blocks deleted) once its transaction is neither mined nor pending. Re-anchored, it comes back.
   */
  async #dropUnanchored(signal: AbortSignal): Promise<void> {
    const rows = this.#node.db
      .prepare('SELECT * FROM replicas WHERE anchored = 0')
      .all() as unknown as ReplicaRow[]
    for (const row of rows) {
      signal.throwIfAborted()
      try {
        await this.#dropIfGone(row, signal)
      } catch (error) {
        // The chain may be unreachable: replication goes on, the row waits for the next pass.
        signal.throwIfAborted()
        this.#node.log.warn('could not settle a CID a reorganisation took back', {
          cid: row.cid,
          error: String(error),
        })
      }
    }
  }

  async #dropIfGone(row: ReplicaRow, signal: AbortSignal): Promise<void> {
    if (row.kind === 'version' && (await this.#anchoredOnChain(row.cid))) return
    const upload = row.kind === 'version' ? uploadOfManifest(this.#node, row.cid) : undefined
    if (upload) {
      if (!(await discardOrphanedUpload(this.#node, upload))) return
    } else if (row.state === 'pinned') {
      await this.#release(row, signal)
    }
    this.#node.db.prepare('DELETE FROM replicas WHERE cid = ? AND anchored = 0').run(row.cid)
  }

  async #anchoredOnChain(cid: string): Promise<boolean> {
    const [recordId] = (await this.#node.chain.registry.getFunction('lookupCid')(
      CID.parse(cid).bytes,
    )) as unknown as [bigint]
    return recordId !== 0n
  }

  /** Deletes this node's replica: content first, then the manifest that names it. */
  async #release(row: ReplicaRow, signal: AbortSignal): Promise<void> {
    if (row.content_cid) await this.#node.ipfs.discard(CID.parse(row.content_cid), { signal })
    await this.#node.ipfs.discard(CID.parse(row.cid), { signal })
    this.#node.log.info('dropped the replica of a CID no longer anchored', { cid: row.cid })
  }

  /** Who holds each CID, asked now: this node (its own pins) and the connected peers that answer. */
  async #census(cids: readonly string[], signal: AbortSignal): Promise<Census> {
    const answers = await this.#node.ipfs.peersPinning(cids, { signal })
    const self = this.#node.ipfs.peerId
    const holders = new Map<string, Set<string>>()
    for (const cid of cids) {
      const peers = new Set<string>()
      for (const [peer, pinned] of answers) if (pinned.has(cid)) peers.add(peer)
      if (await this.#node.ipfs.isPinned(CID.parse(cid), { signal })) peers.add(self)
      holders.set(cid, peers)
    }
    return { nodes: [self, ...answers.keys()], holders }
  }

  #setState(
    cid: string,
    state: ReplicaState,
    fields: {
      contentCid?: string | null
      holders?: number
      attempts?: number
      lastError?: string | null
      nextCheckAt?: number
    } = {},
  ): void {
    this.#node.db
      .prepare(
        `UPDATE replicas SET state = ?, content_cid = coalesce(?, content_cid),
           holders = coalesce(?, holders), attempts = ?, last_error = ?, next_check_at = ?,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE cid = ?`,
      )
      .run(
        state,
        fields.contentCid ?? null,
        fields.holders ?? null,
        fields.attempts ?? 0,
        fields.lastError ?? null,
        fields.nextCheckAt ?? 0,
        cid,
      )
  }
}

/** The CID an event asks to replicate: an anchored manifest, or a key bundle. */
function replicatedItem(event: IndexedEvent): { cid: string; kind: 'version' | 'bundle' } | null {
  if (event.name === 'RecordAnchored') {
    return { cid: cidText(joinCid(event.args.cidPrefix!, event.args.cidDigest!)), kind: 'version' }
  }
  if (!BUNDLE_EVENTS.has(event.name)) return null
  const bytes = event.args.keyBundleCid
  if (!bytes || bytes === '0x') return null
  try {
    return { cid: CID.decode(getBytes(bytes)).toString(), kind: 'bundle' }
  } catch {
    return null
  }
}

/** Runs `work` over `items`, at most `limit` at once. */
async function eachWithLimit<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

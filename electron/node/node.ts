import { mkdir } from 'node:fs/promises'
import { PRIVATE_FOLDER_MODE, prepareDataFolder, restrictTree } from './data-folder.ts'
import packageJson from '../../package.json' with { type: 'json' }
import { chainReach } from './chain/chain-health.ts'
import { startChain, type ChainService } from './chain/chain-service.ts'
import { lockDataFolder, type DataFolderLock } from './data-lock.ts'
import { openDatabase, schemaVersion, type Database } from './db/database.ts'
import { startIpfs, type IpfsService } from './ipfs/ipfs-service.ts'
import { loadOrCreateSwarmKey } from './ipfs/swarm-key.ts'
import { silentLogger, type Logger } from './log.ts'
import { tuneHeapForNode } from './heap-tuning.ts'
import { dataPaths } from './paths.ts'
import type { SettingsStore } from './settings/store.ts'
import { nodeSecretFromEnvironment, type NodeSecret } from './vault/node-secret.ts'
import { Vault } from './vault/vault.ts'
import { fingerprintKey } from './records/fingerprint.ts'
import { projectRecords } from './records/record-index.ts'
import { UploadSessions } from './records/upload-sessions.ts'
import { Replicator } from './replication/replicator.ts'
import { recoverUploads } from './records/upload.ts'
import type { NodeStatus } from './status.ts'
import { NodeEvents } from './events.ts'
import { releasePendingEmergencyKeys, settleEmergencyReleases } from './access/emergency.ts'
import { anchorIfStaffSignedIn } from './audit/anchor.ts'
import { applySiteConfig, bakedSiteConfigToApply } from './identity/site-config.ts'
import { checkSiteChain } from './identity/join-checks.ts'

export interface NodeOptions {
  dataDir: string
  settings: SettingsStore
  log?: Logger
  /** scrypt cost of keystores written by this node. @default 2 ** 17 */
  scryptN?: number
  /**
   * The node's protected secret, which seals the keys it uses with nobody signed in; null: none,
   * so automatic emergency release is unavailable. @default from EMR_NODE_SECRET
   */
  nodeSecret?: NodeSecret | null
  /**
   * The site configuration baked into the installer: applied at the data folder's first start
   * only, after it is checked whole (identity/site-config.ts). @default none
   */
  siteConfigFile?: string
}

/**
 * One hospital's node: chain, IPFS and database under one data folder. Plain Node: it runs the
 * same in the Electron main process, the browser-mode server, the CLI and the tests.
 */
export class HospitalNode {
  readonly dataDir: string
  readonly settings: SettingsStore
  readonly db: Database
  readonly chain: ChainService
  readonly ipfs: IpfsService
  readonly vault: Vault
  readonly uploads: UploadSessions
  /** Pins other nodes' record versions, per `replication.copies` (replication/replicator.ts). */
  readonly replicator: Replicator
  readonly events = new NodeEvents()
  readonly log: Logger
  readonly nodeSecret: NodeSecret | null
  readonly startedAt = new Date()
  /** The consortium's key for plaintext fingerprints (records/fingerprint.ts). */
  readonly fingerprintKey: Uint8Array
  readonly #lock: DataFolderLock
  #anchorTimer: NodeJS.Timeout | undefined

  private constructor(parts: {
    options: NodeOptions
    nodeSecret: NodeSecret | null
    log: Logger
    lock: DataFolderLock
    db: Database
    chain: ChainService
    ipfs: IpfsService
    swarmKey: Uint8Array
  }) {
    this.dataDir = parts.options.dataDir
    this.settings = parts.options.settings
    this.nodeSecret = parts.nodeSecret
    this.log = parts.log
    this.#lock = parts.lock
    this.db = parts.db
    this.chain = parts.chain
    this.ipfs = parts.ipfs
    this.fingerprintKey = fingerprintKey(parts.swarmKey)
    this.vault = new Vault({
      dir: dataPaths(this.dataDir).keystore,
      scryptN: parts.options.scryptN,
      idleLockMs: this.settings.get().security.idleLockMinutes * 60_000,
      log: parts.log.child('vault'),
    })
    this.vault.on('locked', ({ reason }) => this.events.emit('locked', { reason }))
    this.uploads = new UploadSessions(this)
    this.chain.indexer.project(projectRecords(this.db))
    this.replicator = new Replicator(this)
    this.chain.indexer.project(this.replicator.projection())
  }

  /** Starts every service; on any failure, stops what did start and releases the folder. */
  static async start(options: NodeOptions): Promise<HospitalNode> {
    tuneHeapForNode()
    const log = options.log ?? silentLogger
    const nodeSecret =
      options.nodeSecret === undefined ? nodeSecretFromEnvironment() : options.nodeSecret
    const paths = dataPaths(options.dataDir)
    // Checked before anything is written, the file and then its chain (as a join checks them):
    // an invalid file, or one naming the wrong chain or registry, leaves the folder as it was.
    const siteConfig = await bakedSiteConfigToApply(options.siteConfigFile, options.dataDir)
    if (siteConfig) await checkSiteChain(siteConfig)
    await prepareDataFolder(options.dataDir)
    await mkdir(paths.ipfs, { recursive: true, mode: PRIVATE_FOLDER_MODE })
    const lock = lockDataFolder(options.dataDir)
    const cleanup: (() => Promise<void> | void)[] = [() => lock.release()]
    try {
      await restrictTree(options.dataDir)
      if (siteConfig) {
        await applySiteConfig(options.settings, options.dataDir, siteConfig)
        log.info('applied the site configuration of the installer', { network: siteConfig.network })
      }
      const settings = options.settings.get()
      const db = openDatabase(paths.database)
      cleanup.unshift(() => db.close())
      const swarmKey = await loadOrCreateSwarmKey(paths.swarmKey)
      if (swarmKey.created) log.info('generated a new swarm key', { path: paths.swarmKey })
      // Chain and IPFS are independent: start them side by side for a short cold start, and
      // wait for both even when one fails, so the other is stopped rather than leaked.
      const [chainResult, ipfsResult] = await Promise.allSettled([
        startChain({ dir: paths.chain, settings: settings.chain, db, log: log.child('chain') }),
        startIpfs({
          repoDir: paths.ipfs,
          swarmKey: swarmKey.key,
          listenPort: settings.ipfs.listenPort,
          blockPort: settings.ipfs.blockPort,
          peers: settings.ipfs.peers,
          log: log.child('ipfs'),
        }),
      ])
      for (const result of [chainResult, ipfsResult]) {
        if (result.status === 'fulfilled') cleanup.unshift(() => result.value.stop())
      }
      if (chainResult.status === 'rejected') throw chainResult.reason
      if (ipfsResult.status === 'rejected') throw ipfsResult.reason
      const chain = chainResult.value
      const ipfs = ipfsResult.value
      const node = new HospitalNode({
        options,
        nodeSecret,
        log,
        lock,
        db,
        chain,
        ipfs,
        swarmKey: swarmKey.key,
      })
      await node.#followChain()
      node.scheduleAnchoring()
      node.replicator.start()
      const recovered = await recoverUploads(node)
      if (recovered.finished + recovered.rolledBack > 0)
        log.info('interrupted uploads settled', recovered)
      return node
    } catch (error) {
      for (const step of cleanup) await Promise.resolve(step()).catch(() => {})
      throw error
    }
  }

  async #followChain(): Promise<void> {
    await this.chain.indexer.sync()
    await this.chain.provider.on('block', (height: number) => {
      // Screens re-read their lists at this event, so it goes out once the block is indexed.
      this.chain.indexer
        .sync()
        .finally(() => this.events.emit('block', { height }))
        .then(() => releasePendingEmergencyKeys(this))
        .catch((error: unknown) => {
          this.log.warn('chain follow-up failed; retrying at the next block', {
            error: String(error),
          })
        })
    })
  }

  /**
   * Anchors the read log's head every `audit.anchorEveryMinutes` while an active staff member is
   * signed in; called again after the setting changes.
   */
  scheduleAnchoring(): void {
    clearInterval(this.#anchorTimer)
    const minutes = this.settings.get().audit.anchorEveryMinutes
    this.#anchorTimer = setInterval(() => {
      anchorIfStaffSignedIn(this).catch((error: unknown) => {
        this.log.warn('read log anchoring failed; retrying later', { error: String(error) })
      })
    }, minutes * 60_000)
    this.#anchorTimer.unref()
  }

  async status(): Promise<NodeStatus> {
    // An outage is part of the answer, not a failure of it (chain/chain-health.ts).
    const [{ blockHeight, outage }, repoSizeBytes] = await Promise.all([
      chainReach(this.chain),
      this.ipfs.repoSizeBytes(),
    ])
    return {
      version: packageJson.version,
      dataDir: this.dataDir,
      startedAt: this.startedAt.toISOString(),
      nodeSecret: this.nodeSecret?.source ?? null,
      chain: {
        mode: this.chain.mode,
        rpcUrl: this.chain.rpcUrl,
        gateway: this.chain.gateway,
        chainId: this.chain.chainId,
        blockHeight,
        outage,
        contractAddress: this.chain.deployment.contractAddress,
      },
      ipfs: {
        peerId: this.ipfs.peerId,
        listenAddresses: this.ipfs.listenAddresses(),
        connectedPeers: this.ipfs.connectedPeers(),
        peers: this.ipfs.knownPeers(),
        repoSizeBytes,
      },
      database: {
        path: dataPaths(this.dataDir).database,
        schemaVersion: schemaVersion(this.db),
        indexedEvents: this.chain.indexer.count(),
      },
    }
  }

  /** Stops IPFS (closing both stores), the chain and the database, then frees the folder. */
  async stop(): Promise<void> {
    clearInterval(this.#anchorTimer)
    this.uploads.stop()
    await this.replicator.stop()
    this.vault.lock()
    await this.chain.provider.removeAllListeners('block')
    this.events.removeAllListeners()
    // A release pass started at the last block still uses the chain and IPFS.
    await settleEmergencyReleases(this)
    await Promise.allSettled([this.ipfs.stop(), this.chain.stop()])
    this.db.close()
    this.#lock.release()
  }
}

/**
 * Replication on three hospitals' nodes: A hosts the embedded chain, B and C follow it through
 * A's gateway, all three on one private swarm. Real chain, Helia and SQLite.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { copyFile, mkdir } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { getAddress, type JsonRpcApiProvider } from 'ethers'
import { CID } from 'multiformats/cid'
import type { AccessActionResult } from '../../electron/node/access/types.ts'
import { rpcTokenPath } from '../../electron/node/chain/rpc-token.ts'
import type { AccountView } from '../../electron/node/identity/types.ts'
import type { HospitalNode } from '../../electron/node/node.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import { decodeManifest } from '../../electron/node/records/manifest.ts'
import type { OpenedRecord } from '../../electron/node/records/types.ts'
import type { ReplicationStatus } from '../../electron/node/replication/replicator.ts'
import type { SettingsInput } from '../../electron/node/settings/schema.ts'
import { PASS, startClinic, uploadFile } from '../helpers/clinic.ts'
import { freePort } from '../helpers/net.ts'
import { startTestNode } from '../helpers/node.ts'
import { tempDir } from '../helpers/temp.ts'
import { waitFor } from '../helpers/wait.ts'

describe('record replication across three hospitals', async () => {
  const a = await startClinic({
    settings: { chain: { mode: 'embedded', rpcPort: await freePort() } },
  })
  const statusA = await a.node.status()
  const loopback = (addresses: string[]) => addresses.find((m) => m.startsWith('/ip4/127.0.0.1'))!

  /** A node following A's chain through its gateway, on A's swarm, dialling `peers`. */
  async function follower(peers: string[]) {
    const dir = await tempDir()
    await mkdir(dataPaths(dir).ipfs, { recursive: true })
    await copyFile(dataPaths(a.dataDir).swarmKey, dataPaths(dir).swarmKey)
    await mkdir(dataPaths(dir).chain, { recursive: true })
    await copyFile(rpcTokenPath(dataPaths(a.dataDir).chain), rpcTokenPath(dataPaths(dir).chain))
    const settings: SettingsInput = {
      chain: {
        mode: 'external',
        rpcUrl: statusA.chain.rpcUrl!,
        contractAddress: statusA.chain.contractAddress,
      },
      ipfs: { listenPort: 0, peers },
    }
    return startTestNode({ dataDir: dir, settings })
  }
  const b = await follower([loopback(statusA.ipfs.listenAddresses)])
  const c = await follower([
    loopback(statusA.ipfs.listenAddresses),
    loopback(b.node.ipfs.listenAddresses()),
  ])
  const nodes = { A: a.node, B: b.node, C: c.node }

  /** A staff account created on `at`'s workstation, registered directly by A's administrator. */
  async function staffAt(
    at: typeof b,
    role: 'nurse' | 'physician',
    nationalId: string,
  ): Promise<string> {
    const { address } = await at.call<{ address: string }>('accounts.create', {
      label: role,
      passphrase: PASS,
    })
    const account = (await at.call<AccountView[]>('accounts.list')).find(
      (acc) => acc.address === address,
    )!
    await a.call('session.signIn', { address: a.network.admin, passphrase: PASS })
    await a.call('staff.registerDirect', {
      account: address,
      role,
      identity: { name: `A ${role}`, nationalId, licenceNumber: `LIC-${nationalId}` },
      encryptionPublicKey: account.encryptionPublicKey,
    })
    await a.call('accounts.fund', { to: address, amount: '1' })
    await at.node.chain.indexer.sync()
    await at.call('session.signIn', { address, passphrase: PASS })
    return getAddress(address)
  }
  await staffAt(b, 'nurse', 'D123456782')
  const physicianC = await staffAt(c, 'physician', 'B123456780')
  await a.call('session.signIn', { address: a.nurse, passphrase: PASS })
  const patient = a.patient.patient.address

  // Everyone sees everyone before the upload: the census counts connected peers.
  await waitFor(async () =>
    Object.values(nodes).every((node) => node.ipfs.connectedPeers().length === 2) ? true : null,
  )

  /** Indexes the chain's head and runs a replication pass on every node still running. */
  async function settle(running: HospitalNode[]) {
    for (const node of running) await node.chain.indexer.sync()
    for (const node of running) await node.replicator.runPass()
  }

  /** Whether a node holds a version whole: its manifest and content pinned, from its own repo. */
  async function holdsVersion(node: HospitalNode, manifestCid: string): Promise<boolean> {
    const cid = CID.parse(manifestCid)
    if (!(await node.ipfs.isPinned(cid)) || !(await node.ipfs.hasBlock(cid))) return false
    const manifest = decodeManifest(await node.ipfs.getBlock(cid, { timeoutMs: 1_000 }))
    const content = CID.parse(manifest.content)
    return (await node.ipfs.isPinned(content)) && (await node.ipfs.hasBlock(content))
  }

  const bytes = randomBytes(3 * 1024 * 1024 + 17)
  const uploaded = await uploadFile(b.call, { patient, bytes, fileName: 'ct.dcm' })

  test('with copies = 2, exactly one other node pins the version B uploaded', async () => {
    await settle([a.node, b.node, c.node])
    const holders = []
    for (const [name, node] of Object.entries(nodes)) {
      if (await holdsVersion(node, uploaded.cid)) holders.push(name)
    }
    assert.equal(holders.length, 2, `held by ${holders.join(', ')}`)
    assert.ok(holders.includes('B'))
    const replica = holders.find((name) => name !== 'B')!
    const other = replica === 'A' ? c.node : a.node
    const state = (node: HospitalNode) =>
      (
        node.db.prepare('SELECT state FROM replicas WHERE cid = ?').get(uploaded.cid) as {
          state: string
        }
      ).state
    assert.equal(state(nodes[replica as 'A' | 'C']), 'pinned')
    assert.equal(state(other), 'standby')
    assert.equal(state(b.node), 'held')
  })

  test("the status counts the version's replicas: 2 of 2", async () => {
    await a.call('session.signIn', { address: a.network.admin, passphrase: PASS })
    const status = await a.call<ReplicationStatus>('replication.status')
    await a.call('session.signIn', { address: a.nurse, passphrase: PASS })
    assert.equal(status.copies, 2)
    assert.equal(status.target, 2)
    assert.equal(status.nodes, 3)
    assert.equal(status.versions, 1)
    assert.equal(status.fullyReplicated, 1)
    assert.deepEqual(status.underReplicated, [])
  })

  test('an anchor the chain drops takes its blocks with it, at the uploader and the replica', async () => {
    const chain = a.node.chain.provider as JsonRpcApiProvider
    const fork = (await chain.send('evm_snapshot', [])) as string
    const dropped = await uploadFile(b.call, { patient, bytes: randomBytes(200_000) })
    await settle([a.node, b.node, c.node])
    const holdersBefore = []
    for (const node of Object.values(nodes)) {
      if (await holdsVersion(node, dropped.cid)) holdersBefore.push(node)
    }
    assert.equal(holdersBefore.length, 2)
    const manifest = decodeManifest(await b.node.ipfs.getBlock(CID.parse(dropped.cid)))

    assert.equal(await chain.send('evm_revert', [fork]), true)
    await settle([a.node, b.node, c.node])
    for (const node of Object.values(nodes)) {
      for (const cid of [dropped.cid, manifest.content]) {
        assert.equal(await node.ipfs.hasBlock(CID.parse(cid)), false, `${cid} is gone`)
      }
      assert.equal(
        node.db.prepare('SELECT 1 FROM replicas WHERE cid = ?').get(dropped.cid),
        undefined,
      )
    }
    const upload = b.node.db
      .prepare('SELECT state FROM uploads WHERE manifest_cid = ?')
      .get(dropped.cid) as { state: string }
    assert.equal(upload.state, 'rolled-back')
    assert.equal(await holdsVersion(b.node, uploaded.cid), true, 'the anchored version stays')
  })

  test('an upload refused as a duplicate deletes the blocks it added', async () => {
    await assert.rejects(uploadFile(b.call, { patient, bytes }), { code: 'ERR_DUPLICATE_RECORD' })
    const { content_cid: content } = b.node.db
      .prepare(`SELECT content_cid FROM uploads ORDER BY created_at DESC LIMIT 1`)
      .get() as { content_cid: string }
    assert.equal(await b.node.ipfs.hasBlock(CID.parse(content)), false)
  })

  test('with B down, a physician at C granted at A opens the record from its replica', async () => {
    const granted = await a.call<AccessActionResult>('access.grant', {
      patient,
      reader: physicianC,
      consent: { keystoreJson: a.patient.keystoreJson, passphrase: a.patient.passphrase },
    })
    assert.ok(granted.keyBundleCid)
    await settle([a.node, b.node, c.node])
    // The key bundle the grant published at A is replicated like a version.
    const bundle = CID.parse(granted.keyBundleCid)
    const bundleHolders = await Promise.all(
      [a.node, b.node, c.node].map((node) => node.ipfs.isPinned(bundle)),
    )
    assert.deepEqual(
      bundleHolders.filter(Boolean).length,
      2,
      `bundle held by ${String(bundleHolders)}`,
    )
    assert.equal(bundleHolders[0], true)
    await b.stop()
    const opened = await c.call<OpenedRecord>('records.open', { cid: uploaded.cid })
    assert.ok(Buffer.from(opened.contentBase64, 'base64').equals(bytes))
  })

  test('a key rotation retires the re-keyed version on the replicas too', async () => {
    // The patient revokes the physician at C, re-keying the record; B is still down.
    await a.call('session.signIn', { address: a.network.admin, passphrase: PASS })
    await a.call('accounts.fund', { to: patient, amount: '1' })
    await a.call('session.signIn', { address: a.nurse, passphrase: PASS })
    await c.call('accounts.importKeystore', {
      label: 'Patient',
      json: a.patient.keystoreJson,
      passphrase: a.patient.passphrase,
    })
    await c.call('session.signIn', { address: patient, passphrase: a.patient.passphrase })
    await c.call('access.revoke', {
      patient,
      reader: physicianC,
      consent: { keystoreJson: a.patient.keystoreJson, passphrase: a.patient.passphrase },
      rotateKeys: true,
    })
    const oldContent = decodeManifest(await c.node.ipfs.getBlock(CID.parse(uploaded.cid))).content
    await settle([a.node, c.node])
    const rotation = c.node.db
      .prepare('SELECT cid FROM records WHERE record_id = ? AND version = 2')
      .get(uploaded.recordId) as { cid: string }
    for (const node of [a.node, c.node]) {
      assert.equal(await node.ipfs.hasBlock(CID.parse(oldContent)), false)
      const row = node.db.prepare('SELECT state FROM replicas WHERE cid = ?').get(uploaded.cid)
      assert.deepEqual({ ...row }, { state: 'retired' })
      assert.equal(await holdsVersion(node, rotation.cid), true, 'both hold the new version')
    }
  })
})

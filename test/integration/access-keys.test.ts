/**
 * Access enforced by the keys, not only by the node: a grantee who skips the node (their own
 * keystore, a second IPFS peer on the swarm, the public chain) can decrypt only what their keys
 * open. A restricted record, and after a revocation with key rotation the current versions, must
 * stay closed to them.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { getAddress, Wallet } from 'ethers'
import * as dagPb from '@ipld/dag-pb'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import type { AccessActionResult } from '../../electron/node/access/types.ts'
import { keyBundleCidOf } from '../../electron/node/access/key-bundle.ts'
import { decryptStream } from '../../electron/node/crypto/segmented-cipher.ts'
import { startIpfs, type IpfsService } from '../../electron/node/ipfs/ipfs-service.ts'
import { parseSwarmKey } from '../../electron/node/ipfs/swarm-key.ts'
import type { HospitalNode } from '../../electron/node/node.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import { contentAad, decodeManifest } from '../../electron/node/records/manifest.ts'
import type { OpenedRecord, RecordView } from '../../electron/node/records/types.ts'
import { deriveEncryptionKey, unwrapKey } from '../../electron/node/vault/encryption-key.ts'
import { PASS, startClinic, uploadFile } from '../helpers/clinic.ts'
import { tempDir } from '../helpers/temp.ts'

const expectCode = (code: string) => (error: { code?: string }) => error.code === code

/**
 * What a grantee can do without any node's help: open their keystore, fetch blocks by CID from
 * the swarm, read the chain's public events, parse manifests and bundles, unwrap, decrypt.
 */
class Outsider {
  readonly node: HospitalNode
  readonly peer: IpfsService
  readonly address: string
  readonly privateKey: Uint8Array

  constructor(node: HospitalNode, peer: IpfsService, address: string, privateKey: Uint8Array) {
    this.node = node
    this.peer = peer
    this.address = address
    this.privateKey = privateKey
  }

  /** Every version key this account can unwrap, from the manifest or any bundle it was given. */
  async keyFor(manifestCid: string): Promise<Uint8Array | null> {
    const manifest = decodeManifest(await this.peer.getBlock(CID.parse(manifestCid)))
    const wrapped = [
      ...manifest.keys.filter((k) => getAddress(k.reader) === this.address),
      ...(await this.bundledKeys()).filter((k) => k.manifest === manifestCid),
    ]
    for (const { wrappedKey } of wrapped) {
      try {
        return unwrapKey(this.privateKey, Buffer.from(wrappedKey, 'base64'))
      } catch {
        // Not for this key: try the next.
      }
    }
    return null
  }

  async bundledKeys(): Promise<{ manifest: string; wrappedKey: string }[]> {
    const events = [
      ...this.node.chain.indexer.events('AccessGranted'),
      ...this.node.chain.indexer.events('EmergencyKeysReleased'),
    ]
    const keys = []
    for (const { args } of events) {
      const cid = keyBundleCidOf(args.keyBundleCid!)
      if (!cid) continue
      // A bundle re-issued without a record is deleted where it was served: no key from it.
      const bytes = await this.peer.getBlock(cid).catch((error: { code?: string }) => {
        if (error.code === 'ERR_CONTENT_NOT_FOUND') return null
        throw error
      })
      if (!bytes) continue
      const bundle = JSON.parse(new TextDecoder().decode(bytes))
      if (getAddress(bundle.reader) === this.address) keys.push(...bundle.keys)
    }
    return keys
  }

  /** A UnixFS file's leaves, block by block from the swarm, in order. */
  async *blocks(cid: CID): AsyncGenerator<Uint8Array> {
    const bytes = await this.peer.getBlock(cid, { timeoutMs: 1_500 })
    if (cid.code === raw.code) {
      yield bytes
      return
    }
    for (const link of dagPb.decode(bytes).Links) yield* this.blocks(link.Hash)
  }

  /** The version's plaintext, or why it cannot be had: 'no key' or the fetch's error code. */
  async decrypt(manifestCid: string): Promise<Buffer | 'no key' | string> {
    const key = await this.keyFor(manifestCid)
    if (!key) return 'no key'
    const manifest = decodeManifest(await this.peer.getBlock(CID.parse(manifestCid)))
    try {
      const chunks: Uint8Array[] = []
      const source = this.blocks(CID.parse(manifest.content))
      for await (const chunk of decryptStream(source, key, { aad: contentAad(manifest.patient) })) {
        chunks.push(chunk)
      }
      return Buffer.concat(chunks)
    } catch (error) {
      return (error as { code?: string }).code ?? String(error)
    }
  }
}

describe('access enforced by the keys: a grantee with their keystore and a swarm peer', async () => {
  const { node, call, dataDir, network, nurse, patient } = await startClinic()
  const patientAddress = getAddress(patient.patient.address)
  const consent = { keystoreJson: patient.keystoreJson, passphrase: patient.passphrase }
  const signIn = (address: string) => call('session.signIn', { address, passphrase: PASS })

  async function addStaff(label: string, role: string, nationalId: string) {
    const { address } = await call<{ address: string }>('accounts.create', {
      label,
      passphrase: PASS,
    })
    await signIn(network.admin)
    await call('staff.registerDirect', {
      account: address,
      role,
      identity: { name: label, nationalId, licenceNumber: `LIC-${label.length}` },
    })
    return getAddress(address)
  }

  /** The account's own keystore file, opened with its passphrase: all an outsider brings. */
  async function outsider(address: string, peer: IpfsService): Promise<Outsider> {
    const file = path.join(dataPaths(dataDir).keystore, `${address.toLowerCase()}.json`)
    const wallet = await Wallet.fromEncryptedJson(await readFile(file, 'utf8'), PASS)
    return new Outsider(node, peer, address, deriveEncryptionKey(wallet.privateKey).privateKey)
  }

  const records = async () =>
    call<RecordView[]>('records.list', { patient: patientAddress }).then((list) =>
      Object.fromEntries(list.map((r) => [r.recordId, r])),
    )

  const physician = await addStaff('Dr Huang', 'physician', 'B123456780')
  const pharmacist = await addStaff('Ph Lin', 'pharmacist', 'C223456783')
  let mallory: Outsider
  let petra: Outsider

  const peers: IpfsService[] = []
  /** A second IPFS node on the swarm with an empty repo: it holds only what it fetches. */
  /**
   * A new swarm peer, once the earlier ones stopped: what they fetched is what their readers
   * kept, and peer exchange would lead the new peer to it rather than to what the node serves.
   */
  async function swarmPeer(): Promise<IpfsService> {
    await Promise.all(peers.splice(0).map((peer) => peer.stop()))
    const started = await startIpfs({
      repoDir: path.join(await tempDir('emr-outsider-'), 'ipfs'),
      swarmKey: parseSwarmKey(await readFile(dataPaths(dataDir).swarmKey, 'utf8')),
      listenPort: 0,
      listenHost: '127.0.0.1',
      peers: [],
      fetchTimeoutMs: 1_500,
    })
    peers.push(started)
    await started.dial(node.ipfs.listenAddresses().find((a) => a.includes('/127.0.0.1/'))!)
    return started
  }

  before(async () => {
    const peer = await swarmPeer()
    mallory = await outsider(physician, peer)
    petra = await outsider(pharmacist, peer)
  })
  after(() => Promise.all(peers.map((p) => p.stop())))

  await signIn(nurse)
  const scan = randomBytes(200_000)
  const note = randomBytes(50_000)
  const scanRecord = await uploadFile(call, { patient: patientAddress, bytes: scan })
  const noteRecord = await uploadFile(call, {
    patient: patientAddress,
    bytes: note,
    title: 'Clinic note',
  })

  test('a grantee decrypts what was granted, straight from the swarm (the harness works)', async () => {
    await call('access.grant', { patient: patientAddress, reader: physician, consent })
    assert.deepEqual(await mallory.decrypt(noteRecord.cid), note)
    // The scan is left unfetched, so that the peer's repo holds no copy of it.
    assert.ok(await mallory.keyFor(scanRecord.cid))
  })

  test('restricting a granted record re-keys it: the grantee cannot decrypt it any more', async () => {
    const restricted = await call<AccessActionResult>('access.restrict', {
      patient: patientAddress,
      recordId: scanRecord.recordId,
      restricted: true,
      consent,
    })
    assert.equal(restricted.rotated?.length, 1)
    const rotation = restricted.rotated![0]!
    assert.deepEqual([rotation.rekeyed, rotation.version], [1, 2])

    // The new version's key was never wrapped for the grantee, and this node deleted the old
    // ciphertext, whose key the grantee's bundle still holds (without the rotation, this
    // decrypted: the harness test above).
    assert.equal(await mallory.decrypt(rotation.cid), 'no key')
    assert.ok(await mallory.keyFor(scanRecord.cid))
    assert.equal(await mallory.decrypt(scanRecord.cid), 'ERR_CONTENT_NOT_FOUND')
    // The unrestricted record stays readable to them.
    assert.deepEqual(await mallory.decrypt(noteRecord.cid), note)
  })

  test('the rotation is the same file under a new key, shown as a key rotation', async () => {
    const scanView = (await records())[scanRecord.recordId]!
    const [current, old] = scanView.versions
    assert.equal(current!.keyRotation, true)
    assert.equal(old!.keyRotation, false)
    assert.equal(old!.rekeyedAs, 2)
    const opened = await call<OpenedRecord>('records.open', { cid: current!.cid })
    assert.deepEqual(Buffer.from(opened.contentBase64, 'base64'), scan)
    assert.equal(opened.details.title, 'Chest X-ray')
    await assert.rejects(
      call('records.open', { cid: scanRecord.cid }),
      expectCode('ERR_VERSION_REKEYED'),
    )
  })

  test('a grant given while a record is restricted carries no key of it', async () => {
    const granted = await call<AccessActionResult>('access.grant', {
      patient: patientAddress,
      reader: pharmacist,
      consent,
    })
    assert.equal(granted.keysShared, 1)
    const [scanNow] = (await records())[scanRecord.recordId]!.versions
    assert.equal(await petra.decrypt(scanNow!.cid), 'no key')
    assert.deepEqual(await petra.decrypt(noteRecord.cid), note)
  })

  test('a new version of a restricted record is not wrapped for the grantees', async () => {
    const third = await uploadFile(call, {
      patient: patientAddress,
      recordId: scanRecord.recordId,
      bytes: randomBytes(20_000),
    })
    const manifest = decodeManifest(await node.ipfs.getBlock(CID.parse(third.cid)))
    assert.deepEqual(
      manifest.keys.filter((k) => k.role === 'grantee'),
      [],
    )
    assert.equal(await mallory.decrypt(third.cid), 'no key')
    assert.equal(await petra.decrypt(third.cid), 'no key')
  })

  test('lifting the restriction re-issues the grantees keys of the record', async () => {
    const lifted = await call<AccessActionResult>('access.restrict', {
      patient: patientAddress,
      recordId: scanRecord.recordId,
      restricted: false,
      consent,
    })
    assert.equal(lifted.grantsReissued, 2)
    const [scanNow] = (await records())[scanRecord.recordId]!.versions
    assert.notEqual(await mallory.decrypt(scanNow!.cid), 'no key')
    assert.ok(Buffer.isBuffer(await petra.decrypt(scanNow!.cid)))
    await signIn(pharmacist)
    await call('records.open', { cid: scanNow!.cid })
    await signIn(nurse)
  })

  test('revoking with key rotation closes every current version the reader held', async () => {
    // A peer that never fetched anything: what the node still serves, not what was kept.
    const peer = await swarmPeer()
    mallory = await outsider(physician, peer)
    petra = await outsider(pharmacist, peer)
    const before = await records()
    const revoked = await call<AccessActionResult>('access.revoke', {
      patient: patientAddress,
      reader: physician,
      rotateKeys: true,
      consent,
    })
    assert.deepEqual(
      revoked.rotated!.map((r) => r.recordId).sort(),
      [scanRecord.recordId, noteRecord.recordId].sort(),
    )
    const after = await records()
    for (const recordId of [scanRecord.recordId, noteRecord.recordId]) {
      const [current] = after[recordId]!.versions
      assert.equal(current!.keyRotation, true)
      assert.equal(await mallory.decrypt(current!.cid), 'no key')
      const [previous] = before[recordId]!.versions
      assert.equal(await mallory.decrypt(previous!.cid), 'ERR_CONTENT_NOT_FOUND')
    }
    // The remaining grantee reads on with the new keys, through the node and around it.
    const [noteNow] = after[noteRecord.recordId]!.versions
    assert.deepEqual(await petra.decrypt(noteNow!.cid), note)
    await signIn(pharmacist)
    const opened = await call<OpenedRecord>('records.open', { cid: noteNow!.cid })
    assert.deepEqual(Buffer.from(opened.contentBase64, 'base64'), note)
    await signIn(physician)
    await assert.rejects(
      call('records.open', { cid: noteNow!.cid }),
      expectCode('ERR_ACCESS_REVOKED'),
    )
  })

  test('the patient, signed in, rotates keys on a revocation themselves', async () => {
    await call('accounts.importKeystore', {
      label: 'Patient',
      json: patient.keystoreJson,
      passphrase: patient.passphrase,
    })
    await call('session.signIn', { address: patientAddress, passphrase: patient.passphrase })
    await call('access.grant', { patient: patientAddress, reader: physician })
    const peer = await swarmPeer()
    mallory = await outsider(physician, peer)
    petra = await outsider(pharmacist, peer)
    const [granted] = (await records())[noteRecord.recordId]!.versions
    assert.deepEqual(await mallory.decrypt(granted!.cid), note)

    const revoked = await call<AccessActionResult>('access.revoke', {
      patient: patientAddress,
      reader: physician,
      rotateKeys: true,
    })
    assert.equal(revoked.via, 'patient-session')
    const noteRotation = revoked.rotated!.find((r) => r.recordId === noteRecord.recordId)!
    const [current] = (await records())[noteRecord.recordId]!.versions
    assert.equal(current!.cid, noteRotation.cid)
    // The patient anchored it: the chain names them as this version's uploader.
    assert.equal(getAddress(current!.uploader), patientAddress)
    assert.equal(await mallory.decrypt(current!.cid), 'no key')
    const opened = await call<OpenedRecord>('records.open', { cid: current!.cid })
    assert.deepEqual(Buffer.from(opened.contentBase64, 'base64'), note)
    await signIn(nurse)
  })

  test('a reader who relays their own revocation at their desk cannot read the rotation they anchored', async () => {
    await signIn(physician)
    await call('access.grant', { patient: patientAddress, reader: physician, consent })
    await call('access.revoke', {
      patient: patientAddress,
      reader: physician,
      rotateKeys: true,
      consent,
    })
    const [current] = (await records())[noteRecord.recordId]!.versions
    assert.equal(current!.keyRotation, true)
    assert.equal(getAddress(current!.uploader), physician, 'the relaying physician anchored it')
    await assert.rejects(
      call('records.open', { cid: current!.cid }),
      expectCode('ERR_ACCESS_REVOKED'),
    )
  })

  test('revoking without rotation leaves the old keys working, as the UI warns', async () => {
    await signIn(nurse)
    const revoked = await call<AccessActionResult>('access.revoke', {
      patient: patientAddress,
      reader: pharmacist,
      consent,
    })
    assert.equal(revoked.rotated, undefined)
    petra = await outsider(pharmacist, await swarmPeer())
    const [noteNow] = (await records())[noteRecord.recordId]!.versions
    assert.deepEqual(await petra.decrypt(noteNow!.cid), note)
  })
})

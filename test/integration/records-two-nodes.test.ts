import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { before, describe, test } from 'node:test'
import { getAddress } from 'ethers'
import { CID } from 'multiformats/cid'
import type { AccessActionResult } from '../../electron/node/access/types.ts'
import type { AccountView } from '../../electron/node/identity/types.ts'
import { decodeManifest } from '../../electron/node/records/manifest.ts'
import { rpcTokenPath } from '../../electron/node/chain/rpc-token.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import type { OpenedRecord } from '../../electron/node/records/types.ts'
import { PASS, startClinic, uploadFile } from '../helpers/clinic.ts'
import { freePort } from '../helpers/net.ts'
import { startTestNode } from '../helpers/node.ts'
import { tempDir } from '../helpers/temp.ts'

const mr = await readFile(new URL('../fixtures/MR_small.dcm', import.meta.url))

describe('a record uploaded at one hospital is read at another', async () => {
  // Hospital A serves its embedded chain; hospital B follows it and joins A's private swarm.
  const a = await startClinic({
    settings: { chain: { mode: 'embedded', rpcPort: await freePort() } },
  })
  const uploaded = await uploadFile(a.call, {
    patient: a.patient.patient.address,
    bytes: mr,
    fileName: 'mr.dcm',
  })
  const statusA = await a.node.status()

  const bDir = await tempDir()
  await mkdir(dataPaths(bDir).ipfs, { recursive: true })
  await copyFile(dataPaths(a.dataDir).swarmKey, dataPaths(bDir).swarmKey)
  // B reaches A's chain through A's gateway, with the consortium token a site configuration carries.
  await mkdir(dataPaths(bDir).chain, { recursive: true })
  await copyFile(rpcTokenPath(dataPaths(a.dataDir).chain), rpcTokenPath(dataPaths(bDir).chain))
  const b = await startTestNode({
    dataDir: bDir,
    settings: {
      chain: {
        mode: 'external',
        rpcUrl: statusA.chain.rpcUrl!,
        contractAddress: statusA.chain.contractAddress,
      },
      ipfs: {
        listenPort: 0,
        peers: [statusA.ipfs.listenAddresses.find((m) => m.startsWith('/ip4/127.0.0.1'))!],
      },
      // A's copy only: this file is about reading through the swarm (replication.test.ts has
      // the copies B would otherwise pin as soon as A's anchors are indexed).
      replication: { copies: 1 },
    },
  })

  test('the patient signs in at B and sees the anchor on the shared chain, none of the blocks', async () => {
    const lookup = () =>
      b.call<{ recordId: number; uploader: string }>('records.lookup', { cid: uploaded.cid })
    await assert.rejects(lookup(), (error: { code?: string }) => error.code === 'ERR_VAULT_LOCKED')
    const patient = await b.call<{ address: string }>('accounts.importKeystore', {
      label: 'Patient',
      json: a.patient.keystoreJson,
      passphrase: a.patient.passphrase,
    })
    await b.call('session.signIn', { address: patient.address, passphrase: a.patient.passphrase })
    const anchor = await lookup()
    assert.equal(anchor.recordId, uploaded.recordId)
    assert.equal(anchor.uploader.toLowerCase(), a.nurse)
    assert.equal(await b.node.ipfs.hasBlock(CID.parse(uploaded.cid)), false)
  })

  test('the patient reads it at B, fetched from A through the swarm', async () => {
    const opened = await b.call<OpenedRecord>('records.open', { cid: uploaded.cid })
    assert.ok(Buffer.from(opened.contentBase64, 'base64').equals(mr))
    assert.equal(opened.details.fileName, 'mr.dcm')
    assert.equal(await b.node.ipfs.hasBlock(CID.parse(uploaded.cid)), true)
    assert.ok((await b.node.status()).ipfs.connectedPeers.includes(statusA.ipfs.peerId))
  })

  describe('a physician at B, granted by the patient at A', async () => {
    const consent = { keystoreJson: a.patient.keystoreJson, passphrase: a.patient.passphrase }
    let physician = ''
    // In a hook, so B's sessions change only after the patient's tests above have run.
    before(async () => {
      const { address } = await b.call<{ address: string }>('accounts.create', {
        label: 'Dr Wu',
        passphrase: PASS,
      })
      physician = getAddress(address)
      const [account] = (await b.call<AccountView[]>('accounts.list')).filter(
        (acc) => acc.address === address,
      )
      await a.call('session.signIn', { address: a.network.admin, passphrase: PASS })
      await a.call('staff.registerDirect', {
        account: physician,
        role: 'physician',
        identity: { name: 'Wu', nationalId: 'D123456782', licenceNumber: 'MD-9' },
        encryptionPublicKey: account!.encryptionPublicKey,
      })
      await a.call('session.signIn', { address: a.nurse, passphrase: PASS })
      await b.call('session.signIn', { address: physician, passphrase: PASS })
    })
    const expectCode = (code: string) => (error: { code?: string }) => error.code === code

    test('uploading a file A anchored for the patient is refused at B, without a key to it', async () => {
      // A file B never opened: only its manifest's fingerprint can tell B it is there.
      const labReport = randomBytes(64 * 1024)
      const atA = await uploadFile(a.call, {
        patient: a.patient.patient.address,
        bytes: labReport,
        fileName: 'ecg.bin',
        mime: 'application/octet-stream',
      })
      await b.node.chain.indexer.sync()
      const refused = await uploadFile(b.call, {
        patient: a.patient.patient.address,
        bytes: labReport,
        fileName: 'ecg-copy.bin',
        mime: 'application/octet-stream',
      }).then(
        () => assert.fail('the duplicate was anchored'),
        (error: { code?: string; message?: string }) => error,
      )
      assert.equal(refused.code, 'ERR_DUPLICATE_RECORD')
      assert.match(refused.message!, new RegExp(`record ${atA.recordId}, version 1`))
    })

    test('is refused until the patient grants; then reads with the key bundle from A', async () => {
      await assert.rejects(
        b.call('records.open', { cid: uploaded.cid }),
        expectCode('ERR_ACCESS_NEVER_GRANTED'),
      )
      const granted = await a.call<AccessActionResult>('access.grant', {
        patient: a.patient.patient.address,
        reader: physician,
        consent,
      })
      assert.equal(await b.node.ipfs.hasBlock(CID.parse(granted.keyBundleCid!)), false)
      await b.node.chain.indexer.sync()
      const opened = await b.call<OpenedRecord>('records.open', { cid: uploaded.cid })
      assert.ok(Buffer.from(opened.contentBase64, 'base64').equals(mr))
    })

    test('after the revocation at A, a new version is closed to them', async () => {
      await a.call('access.revoke', {
        patient: a.patient.patient.address,
        reader: physician,
        consent,
      })
      const next = await uploadFile(a.call, {
        patient: a.patient.patient.address,
        recordId: uploaded.recordId,
        bytes: randomBytes(2000),
      })
      await b.node.chain.indexer.sync()
      await assert.rejects(
        b.call('records.open', { cid: uploaded.cid }),
        expectCode('ERR_ACCESS_REVOKED'),
      )
      await assert.rejects(
        b.call('records.open', { cid: next.cid }),
        expectCode('ERR_ACCESS_REVOKED'),
      )
      assert.equal(
        await b.node.ipfs.hasBlock(CID.parse(next.cid)),
        false,
        'a refused reader fetches nothing',
      )
      const manifest = decodeManifest(await b.node.ipfs.getBlock(CID.parse(next.cid)))
      assert.equal(
        manifest.keys.some((k) => k.reader === physician),
        false,
      )
    })
  })
})

/**
 * Three hospitals' nodes, each a separate process, on Anvil (Foundry's EVM, from its npm
 * package) as the consortium's external chain: A governs the registry; B, which ran a network of
 * its own on its embedded chain first, and C, whose installer carries a site configuration, join
 * from A's site configuration. Staff at B upload, a physician at C with the patient's grant
 * opens, B goes down and comes back, and the chain misbehaves as real ones do: a re-sent
 * transaction it already holds, an account without funds, blocks it drops.
 */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { after, describe, test } from 'node:test'
import { HDNodeWallet, JsonRpcProvider, getAddress } from 'ethers'
import { deployRegistry } from '../../electron/node/chain/registry-artifact.ts'
import type { SiteConfig } from '../../electron/node/identity/schemas.ts'
import type {
  InstitutionAdded,
  InstitutionView,
  NetworkCreated,
  PatientRegistration,
  StaffRow,
} from '../../electron/node/identity/types.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import type { OpenedRecord, RecordView } from '../../electron/node/records/types.ts'
import { PASS, uploadFile } from '../helpers/clinic.ts'
import { tempDir } from '../helpers/temp.ts'
import { waitFor } from '../helpers/wait.ts'
import { ANVIL_MNEMONIC, startAnvil } from './helpers/anvil.ts'
import {
  killNodeProcesses,
  startNodeProcess,
  type NodeIndex,
  type NodeProcess,
} from './helpers/node-process.ts'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

async function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  )
}

async function newAccount(node: NodeProcess, label: string): Promise<string> {
  return getAddress(
    (await node.call<{ address: string }>('accounts.create', { label, passphrase: PASS })).address,
  )
}

/** The record versions a node's index holds. */
function cidsOf(index: NodeIndex): string[] {
  return (index.versions as { cid: string }[]).map((version) => version.cid)
}

async function signIn(node: NodeProcess, address: string): Promise<void> {
  await node.call('session.signIn', { address, passphrase: PASS })
}

describe('three hospitals as separate processes on Anvil', async () => {
  const anvil = await startAnvil()
  after(killNodeProcesses)
  const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, {
    staticNetwork: true,
    cacheTimeout: -1,
  })
  after(() => provider.destroy())
  const deployer = HDNodeWallet.fromPhrase(ANVIL_MNEMONIC).connect(provider)
  const registry = await deployRegistry(deployer, deployer.address)

  // A: the consortium's governor (the deployer's key, brought as its recovery phrase).
  const dirA = await tempDir('emr-anvil-a-')
  await writeFile(
    dataPaths(dirA).settings,
    JSON.stringify({
      chain: {
        mode: 'external',
        rpcUrl: anvil.rpcUrl,
        contractAddress: registry.address,
        deploymentBlock: registry.blockNumber,
      },
    }),
  )
  const a = await startNodeProcess({ dataDir: dirA })
  const governor = getAddress(
    (
      await a.call<{ address: string }>('accounts.importMnemonic', {
        label: 'Governor',
        mnemonic: ANVIL_MNEMONIC,
        passphrase: PASS,
      })
    ).address,
  )
  const adminA = await newAccount(a, 'Admin A')
  await signIn(a, governor)
  const hospitalA = await a.call<InstitutionAdded>('institutions.add', {
    name: 'A Hospital',
    admin: adminA,
  })
  // The export names the nodes' network addresses; the tests talk to nothing but loopback.
  const exported = await a.call<SiteConfig>('setup.exportSiteConfig')
  const loopback = async (node: NodeProcess) =>
    (await node.index()).listenAddresses.filter((m) => m.startsWith('/ip4/127.0.0.1/'))
  const siteConfigWith = (peers: string[]): SiteConfig => ({
    ...exported,
    ipfs: { ...exported.ipfs, peers },
  })
  const siteConfig = siteConfigWith(await loopback(a))

  // B ran a network of its own on its embedded chain, then its administrator moves it.
  const dirB = await tempDir('emr-anvil-b-')
  let b = await startNodeProcess({ dataDir: dirB })
  const oldNetwork = await b.call<NetworkCreated>('setup.createNetwork', {
    institutionName: 'B Old Network',
    governor: { label: 'Old governor', passphrase: PASS },
    admin: {
      label: 'Admin B',
      passphrase: PASS,
      name: 'Lin',
      nationalId: 'A123456789',
      licenceNumber: 'ADM-1',
    },
  })
  const adminB = getAddress(oldNetwork.admin)
  await signIn(b, adminB)
  await b.call('setup.joinNetwork', { siteConfig: JSON.stringify(siteConfig) })
  await b.stop()
  b = await startNodeProcess({ dataDir: dirB })

  // C's installer carries the site configuration, built once B had joined (so it names A and
  // B): its first start is already on Anvil.
  const dirC = await tempDir('emr-anvil-c-')
  const siteConfigFile = join(await tempDir('emr-anvil-site-'), 'site-config.json')
  await writeFile(
    siteConfigFile,
    JSON.stringify(siteConfigWith([...(await loopback(a)), ...(await loopback(b))])),
  )
  let c = await startNodeProcess({ dataDir: dirC, siteConfigFile })
  const adminC = await newAccount(c, 'Admin C')

  const hospitalB = await a.call<InstitutionAdded>('institutions.add', {
    name: 'B Hospital',
    admin: adminB,
  })
  const hospitalC = await a.call<InstitutionAdded>('institutions.add', {
    name: 'C Hospital',
    admin: adminC,
  })
  // Each administrator gets enough to top up the staff it registers.
  await a.call('accounts.fund', { to: adminB, amount: '1' })
  await a.call('accounts.fund', { to: adminC, amount: '1' })

  await b.sync()
  const nurseB = await newAccount(b, 'Nurse B')
  await signIn(b, adminB)
  await b.call('staff.registerDirect', {
    account: nurseB,
    role: 'nurse',
    identity: { name: 'Chen Wei', nationalId: 'F131104093', licenceNumber: 'RN-1' },
  })
  await c.sync()
  const physicianC = await newAccount(c, 'Physician C')
  await signIn(c, adminC)
  await c.call('staff.registerDirect', {
    account: physicianC,
    role: 'physician',
    identity: { name: 'Huang Li', nationalId: 'B123456780', licenceNumber: 'MD-1' },
  })

  // Staff at B register a patient and upload two records; the patient grants C's physician.
  await signIn(b, nurseB)
  const patient = await b.call<PatientRegistration>('patients.register', {
    name: 'Wang Xiao-Ming',
    medicalRecordNumber: 'MRN-1',
    birthDate: '1980-01-01',
  })
  const patientAddress = patient.patient.address
  const firstBytes = randomBytes(300_000)
  const first = await uploadFile(b.call, { patient: patientAddress, bytes: firstBytes })
  const secondBytes = randomBytes(200_000)
  const second = await uploadFile(b.call, { patient: patientAddress, bytes: secondBytes })
  await b.call('access.grant', {
    patient: patientAddress,
    reader: physicianC,
    consent: { keystoreJson: patient.keystoreJson, passphrase: patient.passphrase },
  })
  await c.sync()
  await signIn(c, physicianC)
  // Everyone sees everyone: a replica's holders are counted among connected peers.
  await waitFor(async () => {
    const indexes = await Promise.all([a.index(), b.index(), c.index()])
    return indexes.every((index) => index.connectedPeers.length === 2) ? true : null
  })

  test('B and C joined from site configurations; B shows none of its old chain’s events', async () => {
    await Promise.all([a.sync(), b.sync(), c.sync()])
    const [indexA, indexB, indexC] = await Promise.all([a.index(), b.index(), c.index()])
    assert.deepEqual(indexB.events, indexB.fresh.events)
    assert.deepEqual(indexB.events, indexA.events)
    assert.deepEqual(indexC.events, indexA.events)
    assert.deepEqual(indexB.versions, indexB.fresh.versions)
    const names = (await b.call<InstitutionView[]>('institutions.list')).map((i) => i.name)
    assert.deepEqual(names, ['A Hospital', 'B Hospital', 'C Hospital'])
    assert.deepEqual(
      [hospitalA, hospitalB, hospitalC].map(({ institution }) => institution.id),
      [1, 2, 3],
    )
  })

  test('a physician at C with the patient’s grant opens a record staff at B uploaded', async () => {
    const opened = await c.call<OpenedRecord>('records.open', { cid: first.cid })
    assert.equal(opened.integrity.sha256, sha256(firstBytes))
    assert.equal(opened.integrity.uploader, nurseB)
  })

  test('B stops and its record still opens at C, from a replica', async () => {
    // Replication passes until A or C pins a copy (copies = 2: the uploader and one other).
    await waitFor(async () => {
      await Promise.all([a.settle(), b.settle(), c.settle()])
      return (await a.holds(second.cid)) || (await c.holds(second.cid)) ? true : null
    })
    await b.stop()
    // C never opened this record: its blocks come from the replica, at C itself or at A.
    const opened = await c.call<OpenedRecord>('records.open', { cid: second.cid })
    assert.equal(opened.integrity.sha256, sha256(secondBytes))
  })

  test('B restarts and catches up from its cursor: an anchor made while it was down shows', async () => {
    await signIn(a, adminA)
    const third = await uploadFile(a.call, { patient: patientAddress, bytes: randomBytes(50_000) })
    b = await startNodeProcess({ dataDir: dirB })
    await b.sync()
    const index = await b.index()
    assert.deepEqual(index.events, index.fresh.events)
    assert.deepEqual(index.versions, index.fresh.versions)
    await signIn(b, nurseB)
    const records = await b.call<RecordView[]>('records.list', { patient: patientAddress })
    const cids = records.flatMap((record) => record.versions.map((v) => v.cid))
    assert.deepEqual(new Set(cids), new Set([first.cid, second.cid, third.cid]))
  })

  test('Anvil’s “transaction already imported” for a re-sent transaction does not stop a start', async () => {
    const technician = await newAccount(c, 'Technician C')
    await signIn(c, adminC)
    // With mining paused, the registration is broadcast and waits; the node dies meanwhile.
    await provider.send('evm_setAutomine', [false])
    try {
      const registering = c.call('staff.registerDirect', {
        account: technician,
        role: 'technician',
        identity: { name: 'Lee Ming', nationalId: 'D123456782', licenceNumber: 'TEC-1' },
      })
      registering.catch(() => {})
      await waitFor(async () => {
        const status = (await provider.send('txpool_status', [])) as { pending: string }
        return Number(status.pending) > 0 ? true : null
      })
      await c.kill()
      const db = new DatabaseSync(dataPaths(dirC).database, { readOnly: true })
      const sent = db.prepare(`SELECT raw_tx FROM tx_outbox WHERE status = 'sent'`).all() as {
        raw_tx: string
      }[]
      db.close()
      assert.equal(sent.length, 1)
      // What the restarted node's reconciliation will hear, asked here first.
      await assert.rejects(
        provider.send('eth_sendRawTransaction', [sent[0]!.raw_tx]),
        /already imported/,
      )
      c = await startNodeProcess({ dataDir: dirC })
    } finally {
      await provider.send('evm_setAutomine', [true])
    }
    await provider.send('evm_mine', [])
    await c.sync()
    await signIn(c, adminC)
    const staff = await c.call<StaffRow[]>('staff.list', {})
    const row = staff.find((s) => s.address === technician)
    assert.equal(row?.status, 'active', 'the registration sent before the crash was mined')
    assert.equal(row.name, 'Lee Ming', 'and its identity stayed on this node')
  })

  test('an unfunded account gets ERR_INSUFFICIENT_FUNDS naming it, and nothing is lost', async () => {
    const stranger = await newAccount(c, 'Unfunded')
    await signIn(c, stranger)
    const register = () =>
      c.call('staff.register', {
        institution: hospitalC.institution.id,
        role: 'nurse',
        identity: { name: 'Lin Yu', nationalId: 'A123456789', licenceNumber: 'RN-9' },
      })
    await assert.rejects(register(), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'ERR_INSUFFICIENT_FUNDS')
      assert.match(error.message, new RegExp(stranger, 'i'))
      return true
    })
    assert.equal(await provider.getTransactionCount(stranger), 0)
    // The refused transaction is not sent again: the node restarts, and once funded the same
    // person registers.
    await c.stop()
    c = await startNodeProcess({ dataDir: dirC })
    await signIn(c, adminC)
    await c.call('accounts.fund', { to: stranger, amount: '0.01' })
    await signIn(c, stranger)
    assert.equal(await outcome(register()), 'ok')
    await signIn(c, adminC)
    const staff = await c.call<StaffRow[]>('staff.list', {})
    assert.equal(staff.find((s) => s.address === stranger)?.status, 'pending')
  })

  test('after Anvil drops blocks, every node’s projections equal a fresh re-index', async () => {
    const fork = (await provider.send('evm_snapshot', [])) as string
    await signIn(b, nurseB)
    const dropped = await uploadFile(b.call, { patient: patientAddress, bytes: randomBytes(9_000) })
    await Promise.all([a.sync(), b.sync(), c.sync()])
    for (const node of [a, b, c]) assert.ok(cidsOf(await node.index()).includes(dropped.cid))
    assert.equal(await provider.send('evm_revert', [fork]), true)
    // The chain goes on at the same heights with another transaction.
    const replacing = await uploadFile(a.call, {
      patient: patientAddress,
      bytes: randomBytes(7_000),
    })
    for (const [name, node] of Object.entries({ a, b, c })) {
      await node.sync()
      const index = await node.index()
      assert.deepEqual(index.events, index.fresh.events, `${name}'s events`)
      assert.deepEqual(index.versions, index.fresh.versions, `${name}'s record versions`)
      assert.ok(!cidsOf(index).includes(dropped.cid), `${name} forgot the dropped version`)
      assert.ok(cidsOf(index).includes(replacing.cid), `${name} took the replacing one`)
    }
  })
})

import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { test } from 'node:test'
import type { JsonRpcApiProvider } from 'ethers'
import type { AccessOverview } from '../../electron/node/access/types.ts'
import type { SiteConfig } from '../../electron/node/identity/schemas.ts'
import type { StaffRow } from '../../electron/node/identity/types.ts'
import type { RecordView } from '../../electron/node/records/types.ts'
import { PASS, startClinic, uploadFile } from '../helpers/clinic.ts'
import { freePort } from '../helpers/net.ts'
import { startTestNode } from '../helpers/node.ts'
import { anchoredVersions, freshIndex } from '../helpers/fresh-index.ts'

test('after the chain drops blocks, each node lists what a fresh re-index of the chain lists', async () => {
  // Hospital A hosts its embedded chain; hospital B follows it through A's gateway.
  const { node, call, network, nurse, patient } = await startClinic({
    settings: { chain: { mode: 'embedded', rpcPort: await freePort() } },
  })
  await call('session.signIn', { address: network.admin, passphrase: PASS })
  const siteConfig = JSON.stringify(await call<SiteConfig>('setup.exportSiteConfig'))
  await call('session.signIn', { address: nurse, passphrase: PASS })
  const joining = await startTestNode()
  await joining.call('setup.joinNetwork', { siteConfig })
  await joining.stop()
  const b = (await startTestNode({ dataDir: joining.dataDir })).node
  const patientAddress = patient.patient.address
  const consent = { keystoreJson: patient.keystoreJson, passphrase: patient.passphrase }
  // The embedded chain's own provider: snapshots and reverts stand in for a reorganisation.
  const chain = node.chain.provider as JsonRpcApiProvider
  const kept = await uploadFile(call, { patient: patientAddress, bytes: randomBytes(4000) })
  const fork = (await chain.send('evm_snapshot', [])) as string

  // Blocks the chain will drop: a second record, the first marked entered in error, a grant
  // and a new physician.
  const dropped = await uploadFile(call, { patient: patientAddress, bytes: randomBytes(5000) })
  await call('records.markEnteredInError', {
    recordId: kept.recordId,
    version: kept.version,
    reason: 'wrong-patient',
  })
  await call('access.grant', { patient: patientAddress, reader: nurse, consent })
  const { address: physician } = await call<{ address: string }>('accounts.create', {
    label: 'Dr Huang',
    passphrase: PASS,
  })
  await call('session.signIn', { address: network.admin, passphrase: PASS })
  await call('staff.registerDirect', {
    account: physician,
    role: 'physician',
    identity: { name: 'Dr Huang', nationalId: 'B123456780', licenceNumber: 'MD-1' },
  })
  const staffBefore = await call<StaffRow[]>('staff.list')
  assert.ok(staffBefore.some((row) => row.address.toLowerCase() === physician.toLowerCase()))
  await call('session.signIn', { address: nurse, passphrase: PASS })
  const before = await call<RecordView[]>('records.list', { patient: patientAddress })
  assert.equal(before.length, 2)
  await b.chain.indexer.sync()
  assert.deepEqual(b.chain.indexer.events(), node.chain.indexer.events(), 'B saw them too')

  // The chain parts at the snapshot and goes on with another transaction at the same heights.
  assert.equal(await chain.send('evm_revert', [fork]), true)
  const replacing = await uploadFile(call, { patient: patientAddress, bytes: randomBytes(6000) })
  assert.equal(replacing.recordId, dropped.recordId, 'the new record takes the dropped one’s id')

  const fresh = await freshIndex(node)
  assert.deepEqual(node.chain.indexer.events(), fresh.events)
  assert.deepEqual(anchoredVersions(node.db), fresh.versions)
  await b.chain.indexer.sync()
  assert.deepEqual(b.chain.indexer.events(), fresh.events)
  assert.deepEqual(anchoredVersions(b.db), fresh.versions)
  const records = await call<RecordView[]>('records.list', { patient: patientAddress })
  assert.deepEqual(
    records.map((r) => r.versions.map((v) => [v.cid, v.enteredInError])),
    [[[replacing.cid, null]], [[kept.cid, null]]],
  )
  const access = await call<AccessOverview>('access.overview', { patient: patientAddress })
  assert.deepEqual(access.grants, [])
  await call('session.signIn', { address: network.admin, passphrase: PASS })
  const staff = await call<StaffRow[]>('staff.list')
  assert.deepEqual(
    staff.map((row) => row.address),
    staffBefore
      .map((row) => row.address)
      .filter((a) => a.toLowerCase() !== physician.toLowerCase()),
  )
})

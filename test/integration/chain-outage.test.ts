import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { after, describe, test } from 'node:test'
import { Contract, parseEther } from 'ethers'
import { registryAbi } from '../../electron/node/chain/registry-artifact.ts'
import type { PatientRegistration } from '../../electron/node/identity/types.ts'
import type { NodeStatus } from '../../electron/node/status.ts'
import { OFFLINE_READ_MAX_AGE_MS } from '../../electron/node/access/offline-access.ts'
import { readEntries } from '../../electron/node/audit/read-log.ts'
import type { OpenedRecord } from '../../electron/node/records/types.ts'
import { PASS, uploadFile } from '../helpers/clinic.ts'
import { startTestNode } from '../helpers/node.ts'
import { startServedChain } from '../helpers/served-chain.ts'
import { tempDir } from '../helpers/temp.ts'

describe('a node whose external chain goes down', async () => {
  // On disk, so the chain node can come back with its blocks, as a restarted client would.
  const chain = await startServedChain({ dbPath: await tempDir('emr-chain-') })
  after(() => chain.close())
  const { node, call } = await startTestNode({
    settings: {
      chain: { mode: 'external', rpcUrl: chain.rpcUrl, contractAddress: chain.contractAddress },
    },
  })

  /** A new account on the node, funded by the governor (an external chain has no faucet). */
  async function fundedAccount(label: string) {
    const { address } = await call<{ address: string }>('accounts.create', {
      label,
      passphrase: PASS,
    })
    await (await chain.governor.sendTransaction({ to: address, value: parseEther('10') })).wait()
    return address
  }
  const admin = await fundedAccount('Admin')
  const registry = new Contract(chain.contractAddress, registryAbi, chain.governor)
  await (await registry.getFunction('addInstitution')(admin, 'North Hospital')).wait()
  const nurse = await fundedAccount('Nurse')
  await call('session.signIn', { address: admin, passphrase: PASS })
  await call('staff.registerDirect', {
    account: nurse,
    role: 'nurse',
    identity: { name: 'Chen Wei', nationalId: 'F131104093', licenceNumber: 'RN-1' },
  })
  await call('session.signIn', { address: nurse, passphrase: PASS })
  const { patient } = await call<PatientRegistration>('patients.register', {
    name: 'Wang Xiao-Ming',
    medicalRecordNumber: 'MRN-1',
    birthDate: '1980-01-01',
  })
  const bytes = randomBytes(50_000)
  const record = await uploadFile(call, { patient: patient.address, bytes })
  await call('records.open', { cid: record.cid })
  // Anchored and indexed here, but never opened: only the chain may allow its first read.
  const unopened = await uploadFile(call, { patient: patient.address, bytes: randomBytes(1_000) })
  const heightBefore = (await call<NodeStatus>('node.status')).chain.blockHeight
  await chain.close()

  const outcome = (method: string, input?: unknown) =>
    call(method, input).then(
      () => 'ok',
      (error: { code?: string }) => error.code,
    )

  test('a record this reader opened here before opens, on the index as of its last block', async () => {
    const opened = await call<OpenedRecord>('records.open', { cid: record.cid })
    assert.equal(opened.integrity.sha256, createHash('sha256').update(bytes).digest('hex'))
    assert.equal(opened.offline?.block, heightBefore)
    assert.ok(Date.parse(opened.offline.checkedAt) <= Date.now())
    // The read log has the read, marked as allowed without the chain.
    const last = readEntries(node.db).at(-1)!
    assert.equal(last.cid, record.cid)
    assert.equal(last.action, 'open')
    assert.equal(last.detail, `offline as of block ${heightBefore}`)
  })

  test('a record never opened here says the chain is unreachable, and fetches nothing', async () => {
    const entries = readEntries(node.db).length
    assert.equal(await outcome('records.open', { cid: unopened.cid }), 'ERR_CHAIN_UNREACHABLE')
    assert.equal(readEntries(node.db).length, entries)
  })

  test('an index not checked against the chain for over an hour allows no read', async (t) => {
    // The wall clock only (the session's idle lock keeps its own clock reference).
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() + OFFLINE_READ_MAX_AGE_MS + 60_000 })
    const entries = readEntries(node.db).length
    await assert.rejects(
      call('records.open', { cid: record.cid }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'ERR_CHAIN_UNREACHABLE')
        assert.match(error.message, /older than 60 minutes/)
        return true
      },
    )
    t.mock.timers.reset()
    assert.equal(readEntries(node.db).length, entries)
  })

  test('the status answers, and says since when the chain is unreachable and why', async () => {
    const status = await call<NodeStatus>('node.status')
    assert.equal(status.chain.outage?.code, 'ERR_CHAIN_UNREACHABLE')
    assert.match(status.chain.outage.lastError, /cannot be reached/)
    assert.ok(Date.parse(status.chain.outage.since) <= Date.now())
    assert.ok(status.chain.outage.lastContactAt !== null)
    assert.ok(
      Date.parse(status.chain.outage.lastContactAt) <= Date.parse(status.chain.outage.since),
    )
    // The last block this node indexed: the record's anchor is in it or before it.
    assert.ok(status.chain.blockHeight >= heightBefore)
  })

  test("writes and lists that need the caller's standing say so", async () => {
    assert.equal(
      await outcome('patients.register', {
        name: 'Lee Mei-Ling',
        medicalRecordNumber: 'MRN-2',
        birthDate: '1975-05-05',
      }),
      'ERR_CHAIN_UNREACHABLE',
    )
    assert.equal(
      await outcome('records.list', { patient: patient.address }),
      'ERR_CHAIN_UNREACHABLE',
    )
  })

  test('what needs no chain keeps working', async () => {
    assert.equal(await outcome('settings.get'), 'ok')
    assert.equal(await outcome('accounts.list'), 'ok')
  })

  test('once the chain is back, the same node opens the record again', async () => {
    await chain.reopen()
    const opened = await call<{ integrity: { sha256: string } }>('records.open', {
      cid: record.cid,
    })
    assert.equal(opened.integrity.sha256, createHash('sha256').update(bytes).digest('hex'))
    const status = await call<NodeStatus>('node.status')
    assert.equal(status.chain.outage, null)
    const first = await call<OpenedRecord>('records.open', { cid: unopened.cid })
    assert.equal(first.offline, null)
  })

  test('a suspension the index holds stops a read without the chain', async () => {
    await call('session.signIn', { address: admin, passphrase: PASS })
    await call('staff.suspend', { account: nurse, reason: 'under-investigation' })
    await call('session.signIn', { address: nurse, passphrase: PASS })
    await chain.close()
    try {
      assert.equal(await outcome('records.open', { cid: record.cid }), 'ERR_ACCESS_SUSPENDED')
      assert.equal(readEntries(node.db).at(-1)!.detail, 'ERR_ACCESS_SUSPENDED')
    } finally {
      await chain.reopen()
    }
  })
})

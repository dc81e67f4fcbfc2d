import assert from 'node:assert/strict'
import { before, describe, test } from 'node:test'
import { Wallet } from 'ethers'
import { callRegistry } from '../../electron/node/identity/registry-calls.ts'
import type {
  NetworkCreated,
  PatientRegistration,
  PatientRow,
  SessionView,
  StaffRow,
  TxReceiptView,
} from '../../electron/node/identity/types.ts'
import { compactSignature, signPatientRegistration } from '../../electron/node/chain/eip712.ts'
import { splitEncryptionKey } from '../../electron/node/chain/registry-artifact.ts'
import { startTestNode } from '../helpers/node.ts'

const PASS = 'correct horse battery'
const ADMIN = {
  label: 'Admin Lin',
  passphrase: PASS,
  name: 'Lin Mei-Hua',
  nationalId: 'A123456789',
  licenceNumber: 'ADM-0001',
}
const NURSE = { name: 'Chen Wei', nationalId: 'F131104093', licenceNumber: 'RN-20231' }

describe('staff and patient identity on one node', async () => {
  const { node, call } = await startTestNode()
  let network: NetworkCreated
  let nurse: string
  const expectCode = (code: string) => (error: { code?: string }) => error.code === code

  before(async () => {
    network = await call<NetworkCreated>('setup.createNetwork', {
      institutionName: 'Taipei General',
      governor: { label: 'Governor', passphrase: PASS },
      admin: ADMIN,
    })
  })

  test('the first start creates the governor and the first institution with its admin signed in', async () => {
    assert.equal(network.institution.name, 'Taipei General')
    assert.equal(network.institution.admin, network.admin)
    assert.equal(network.mnemonics.admin.split(' ').length, 12)
    const session = await call<SessionView>('session.get')
    assert.equal(session.address.toLowerCase(), network.admin.toLowerCase())
    assert.deepEqual(session.member, {
      kind: 'staff',
      status: 'active',
      role: 'administrator',
      institution: 1,
      isGovernor: false,
    })
    assert.equal((await call<{ stage: string }>('setup.status')).stage, 'ready')
    await assert.rejects(
      call('setup.createNetwork', {
        institutionName: 'Again',
        governor: { label: 'G', passphrase: PASS },
        admin: ADMIN,
      }),
      expectCode('ERR_SETUP_DONE'),
    )
  })

  test('a staff member self-registers and stays pending, with the receipt of Fig. 2', async () => {
    nurse = (
      await call<{ address: string }>('accounts.create', { label: 'Nurse Chen', passphrase: PASS })
    ).address
    await call('session.signIn', { address: nurse, passphrase: PASS })
    const receipt = await call<TxReceiptView>('staff.register', {
      institution: 1,
      role: 'nurse',
      identity: NURSE,
    })
    assert.equal(receipt.contractAddress, node.chain.deployment.contractAddress)
    assert.match(receipt.txHash, /^0x[0-9a-f]{64}$/)
    assert.ok(
      Number(receipt.gasUsed) > 21_000 && Number(receipt.gasUsed) <= 55_000,
      receipt.gasUsed,
    )
    assert.equal(receipt.result, 'pending approval')
    assert.equal((await call<SessionView>('session.get')).member.status, 'pending')
  })

  test('a second registration of the same account is refused and the local identity is kept', async () => {
    await assert.rejects(
      call('staff.register', {
        institution: 1,
        role: 'physician',
        identity: { ...NURSE, name: 'Someone Else' },
      }),
      expectCode('ERR_ALREADY_REGISTERED'),
    )
    // The directory is for active staff: the admin looks.
    await call('session.signIn', { address: network.admin, passphrase: PASS })
    const row = (await call<StaffRow[]>('staff.list')).find(
      (r) => r.address.toLowerCase() === nurse,
    )
    assert.equal(row?.name, NURSE.name)
  })

  test('bad registrations are refused before or by the chain, and leave nothing behind', async () => {
    const other = (
      await call<{ address: string }>('accounts.create', { label: 'Tech Wu', passphrase: PASS })
    ).address
    await call('session.signIn', { address: other, passphrase: PASS })
    await assert.rejects(
      call('staff.register', {
        institution: 9,
        role: 'technician',
        identity: { ...NURSE, name: 'Wu' },
      }),
      expectCode('ERR_UNKNOWN_INSTITUTION'),
    )
    await assert.rejects(
      call('staff.register', {
        institution: 1,
        role: 'technician',
        identity: { ...NURSE, nationalId: 'A123456780' },
      }),
      expectCode('ERR_INVALID_INPUT'),
    )
    await assert.rejects(
      call('staff.register', {
        institution: 1,
        role: 'technician',
        identity: { ...NURSE, licenceNumber: 'x' },
      }),
      expectCode('ERR_INVALID_INPUT'),
    )
    const stored = node.db
      .prepare('SELECT COUNT(*) AS n FROM staff_identities WHERE address = ?')
      .get(other) as { n: number }
    assert.equal(stored.n, 0)
    // Someone who is no administrator cannot approve: the api refuses before the chain would.
    await assert.rejects(call('staff.approve', { account: nurse }), expectCode('ERR_FORBIDDEN'))
  })

  test('the admin approves; the staff member is active in the directory', async () => {
    await call('session.signIn', { address: network.admin, passphrase: PASS })
    const pending = await call<StaffRow[]>('staff.list', { status: 'pending', institution: 1 })
    assert.deepEqual(
      pending.map((r) => r.address.toLowerCase()),
      [nurse],
    )
    const receipt = await call<TxReceiptView>('staff.approve', { account: nurse })
    assert.equal(receipt.result, 'approved')
    assert.ok(Number(receipt.gasUsed) <= 35_000, receipt.gasUsed)
    const row = (await call<StaffRow[]>('staff.list')).find(
      (r) => r.address.toLowerCase() === nurse,
    )!
    assert.deepEqual(
      { status: row.status, role: row.role, institutionName: row.institutionName, name: row.name },
      {
        status: 'active',
        role: 'nurse',
        institutionName: 'Taipei General',
        name: NURSE.name,
      },
    )
  })

  let registration: PatientRegistration
  test('staff register a patient at the desk; the patient signs, staff pay the gas', async () => {
    await call('session.signIn', { address: nurse, passphrase: PASS })
    const balanceBefore = await node.chain.provider.getBalance(nurse)
    registration = await call<PatientRegistration>('patients.register', {
      name: 'Wang Xiao-Ming',
      medicalRecordNumber: 'mrn-000123',
      birthDate: '1980-02-29',
    })
    assert.equal(registration.patient.medicalRecordNumber, 'MRN-000123')
    assert.ok((await node.chain.provider.getBalance(nurse)) < balanceBefore)
    assert.equal(await node.chain.provider.getBalance(registration.patient.address), 0n)
    const [kind, status] = await node.chain.registry.getFunction('memberOf')(
      registration.patient.address,
    )
    assert.deepEqual([Number(kind), Number(status)], [2, 2])
    // The one-time export opens with the shown passphrase, and the key is not kept here.
    const wallet = await Wallet.fromEncryptedJson(
      registration.keystoreJson,
      registration.passphrase,
    )
    assert.equal(wallet.address, registration.patient.address)
    assert.ok(!node.vault.list().some((a) => a.address === wallet.address.toLowerCase()))
  })

  test('patients are found by name, medical record number or address', async () => {
    for (const query of ['xiao-ming', 'MRN-0001', registration.patient.address.toLowerCase()]) {
      const found = await call<PatientRow[]>('patients.search', { query })
      assert.deepEqual(
        found.map((p) => p.address),
        [registration.patient.address],
        query,
      )
    }
    assert.deepEqual(await call<PatientRow[]>('patients.search', { query: 'nobody' }), [])
  })

  test('a medical record number registers once', async () => {
    await assert.rejects(
      call('patients.register', {
        name: 'Other',
        medicalRecordNumber: 'MRN-000123',
        birthDate: '1990-01-01',
      }),
      expectCode('ERR_PATIENT_EXISTS'),
    )
  })

  test('an expired patient signature is refused by the chain', async () => {
    const patient = Wallet.createRandom()
    const commitment = `0x${'ab'.repeat(20)}`
    const key = (await node.vault.createDetached({ passphrase: PASS })).encryptionPublicKey
    const deadline = BigInt((await node.chain.provider.getBlock('latest'))!.timestamp - 1)
    const signature = await signPatientRegistration(
      patient,
      node.chain.deployment.contractAddress,
      node.chain.chainId,
      { commitment, encryptionPublicKey: key, deadline },
    )
    const [keyPrefix, keyX] = splitEncryptionKey(key)
    const { r, vs } = compactSignature(signature)
    await assert.rejects(
      callRegistry(
        node,
        node.vault.requireSession().connect(node.chain.provider),
        'registerPatientBySig',
        [commitment, keyPrefix, keyX, deadline, r, vs],
      ),
      expectCode('ERR_SIGNATURE_EXPIRED'),
    )
  })

  test('a suspended staff member cannot act, until reinstated', async () => {
    await call('session.signIn', { address: network.admin, passphrase: PASS })
    assert.equal(
      (await call<TxReceiptView>('staff.suspend', { account: nurse, reason: 'extended-leave' }))
        .result,
      'suspended',
    )
    await call('session.signIn', { address: nurse, passphrase: PASS })
    await assert.rejects(
      call('patients.register', {
        name: 'Lee',
        medicalRecordNumber: 'MRN-9',
        birthDate: '1970-05-05',
      }),
      expectCode('ERR_NOT_ACTIVE_STAFF'),
    )
    await call('session.signIn', { address: network.admin, passphrase: PASS })
    await call('staff.reinstate', { account: nurse })
    assert.equal(
      (await call<StaffRow[]>('staff.list', { status: 'active' })).some(
        (r) => r.address.toLowerCase() === nurse,
      ),
      true,
    )
  })

  test('a wrong passphrase is refused and nobody is signed in by it', async () => {
    await call('session.signOut')
    await assert.rejects(
      call('session.signIn', { address: nurse, passphrase: 'not the passphrase' }),
      expectCode('ERR_WRONG_PASSPHRASE'),
    )
    assert.equal(await call('session.get'), null)
    await assert.rejects(
      call('patients.register', {
        name: 'X',
        medicalRecordNumber: 'MRN-10',
        birthDate: '1970-05-05',
      }),
      expectCode('ERR_VAULT_LOCKED'),
    )
  })
})

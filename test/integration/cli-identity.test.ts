import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { Wallet } from 'ethers'
import type {
  NetworkCreated,
  PatientKeyReissue,
  PatientRegistration,
  StaffRow,
  TxReceiptView,
} from '../../electron/node/identity/types.ts'
import { runCli } from '../helpers/cli.ts'
import { startTestNode } from '../helpers/node.ts'
import { tempDir } from '../helpers/temp.ts'

const PASS = 'correct horse battery'

describe('identity from the command line', async () => {
  // The network is set up once in the app; the CLI then works on the same data folder.
  const dataDir = await tempDir()
  const started = await startTestNode({ dataDir })
  const network = await started.call<NetworkCreated>('setup.createNetwork', {
    institutionName: 'Kaohsiung Medical',
    governor: { label: 'Governor', passphrase: PASS },
    admin: {
      label: 'Admin',
      passphrase: PASS,
      name: 'Lin',
      nationalId: 'A123456789',
      licenceNumber: 'ADM-1',
    },
  })
  const admin = network.admin
  await started.stop()

  let nurse: string
  const cli = async <T>(args: string[], expectCode = 0): Promise<T> => {
    const result = await runCli([...args, '--data-dir', dataDir, '--json'], {
      EMR_PASSPHRASE: PASS,
    })
    assert.equal(result.code, expectCode, result.stderr)
    return (expectCode === 0 ? JSON.parse(result.stdout) : result.stderr) as T
  }

  test('account create prints the address and recovery phrase; account list shows it', async () => {
    const created = await cli<{ address: string; mnemonic: string }>([
      'account',
      'create',
      '--label',
      'Nurse Chen',
    ])
    assert.equal(created.mnemonic.split(' ').length, 12)
    nurse = created.address
    const listed = await cli<{ address: string; label: string }[]>(['account', 'list'])
    assert.ok(listed.some((a) => a.address === nurse && a.label === 'Nurse Chen'))
  })

  test('staff register, approve and list', async () => {
    const registered = await cli<TxReceiptView>([
      'staff',
      'register',
      '--as',
      nurse,
      '--institution',
      '1',
      '--role',
      'nurse',
      '--name',
      'Chen Wei',
      '--national-id',
      'F131104093',
      '--licence',
      'RN-20231',
    ])
    assert.equal(registered.result, 'pending approval')
    const approved = await cli<TxReceiptView>([
      'staff',
      'approve',
      '--as',
      admin,
      '--account',
      nurse,
    ])
    assert.equal(approved.result, 'approved')
    const active = await cli<StaffRow[]>(['staff', 'list', '--as', admin, '--status', 'active'])
    assert.ok(active.some((s) => s.address.toLowerCase() === nurse && s.name === 'Chen Wei'))
  })

  test('patient register writes the keystore file; patient find finds the patient', async () => {
    const out = join(await tempDir(), 'patient.json')
    const registration = await cli<PatientRegistration>([
      'patient',
      'register',
      '--as',
      nurse,
      '--name',
      'Wang Xiao-Ming',
      '--mrn',
      'MRN-777',
      '--birth-date',
      '1975-07-07',
      '--out',
      out,
    ])
    const wallet = await Wallet.fromEncryptedJson(
      await readFile(out, 'utf8'),
      registration.passphrase,
    )
    assert.equal(wallet.address, registration.patient.address)
    const found = await cli<{ address: string }[]>(['patient', 'find', 'MRN-777', '--as', nurse])
    assert.deepEqual(
      found.map((p) => p.address),
      [registration.patient.address],
    )
  })

  test('patient reissue-key (admins) writes the new keystore; the registry names the new key', async () => {
    const registered = await cli<PatientRegistration>([
      'patient',
      'register',
      '--as',
      nurse,
      '--name',
      'Lin Lost-Key',
      '--mrn',
      'MRN-779',
      '--birth-date',
      '1980-08-08',
      '--out',
      join(await tempDir(), 'lost.json'),
    ])
    const patient = registered.patient.address
    const refused = await cli<string>(
      ['patient', 'reissue-key', '--as', nurse, '--patient', patient],
      1,
    )
    assert.match(refused, /^error ERR_FORBIDDEN: /m)
    const out = join(await tempDir(), 'new-key.json')
    const reissue = await cli<PatientKeyReissue>([
      'patient',
      'reissue-key',
      '--as',
      admin,
      '--patient',
      patient,
      '--out',
      out,
    ])
    assert.equal(reissue.patient.address, patient)
    const wallet = await Wallet.fromEncryptedJson(await readFile(out, 'utf8'), reissue.passphrase)
    assert.equal(wallet.address, reissue.newKey)
    assert.notEqual(wallet.address, patient)
    assert.equal(reissue.keysShared, 0)
  })

  test('a suspended staff member is refused with the contract error', async () => {
    assert.equal(
      (
        await cli<TxReceiptView>([
          'staff',
          'suspend',
          '--as',
          admin,
          '--account',
          nurse,
          '--reason',
          'licence-lapsed',
        ])
      ).result,
      'suspended',
    )
    const stderr = await cli<string>(
      [
        'patient',
        'register',
        '--as',
        nurse,
        '--name',
        'Lee',
        '--mrn',
        'MRN-778',
        '--birth-date',
        '1975-07-07',
      ],
      1,
    )
    assert.match(stderr, /^error ERR_NOT_ACTIVE_STAFF: /m)
  })

  test('a wrong passphrase is refused', async () => {
    const result = await runCli(['account', 'list', '--data-dir', dataDir], {})
    assert.equal(result.code, 0)
    const refused = await runCli(
      ['staff', 'reinstate', '--as', admin, '--account', nurse, '--data-dir', dataDir],
      {
        EMR_PASSPHRASE: 'wrong passphrase',
      },
    )
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /^error ERR_WRONG_PASSPHRASE: /m)
  })
})

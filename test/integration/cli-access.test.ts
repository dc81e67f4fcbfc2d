import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, test } from 'node:test'
import type {
  AccessActionResult,
  AuditVerification,
  EmergencyPolicyView,
} from '../../electron/node/access/types.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import { runCli } from '../helpers/cli.ts'
import { PASS, startClinic, uploadFile } from '../helpers/clinic.ts'
import { tempDir } from '../helpers/temp.ts'

describe('access, emergencies and the audit trail from the command line', async () => {
  const clinic = await startClinic()
  const { dataDir, nurse, call, network } = clinic
  const patient = clinic.patient.patient.address
  const note = randomBytes(5000)
  const { cid } = await uploadFile(call, { patient, bytes: note, fileName: 'note.txt' })
  const { address: physician } = await call<{ address: string }>('accounts.create', {
    label: 'Dr Huang',
    passphrase: PASS,
  })
  await call('session.signIn', { address: network.admin, passphrase: PASS })
  await call('staff.registerDirect', {
    account: physician,
    role: 'physician',
    identity: { name: 'Huang', nationalId: 'B123456780', licenceNumber: 'MD-2' },
  })
  await clinic.stop()

  const folder = await tempDir()
  const keystore = join(folder, 'patient.json')
  await writeFile(keystore, clinic.patient.keystoreJson)
  const env = { EMR_PASSPHRASE: PASS, EMR_PATIENT_PASSPHRASE: clinic.patient.passphrase }
  const run = (args: string[]) => runCli([...args, '--data-dir', dataDir, '--json'], env)
  const cli = async <T>(args: string[]) => {
    const result = await run(args)
    assert.equal(result.code, 0, result.stderr)
    return JSON.parse(result.stdout) as T
  }
  const out = (name: string) => join(folder, name)
  /** The nurse relays the patient's decision on the physician, signed with the key file. */
  const relayed = (action: 'grant' | 'revoke') =>
    cli<AccessActionResult>([
      ...['access', action, '--as', nurse, '--patient', patient],
      ...['--reader', physician, '--keystore', keystore],
    ])

  test('a physician without a grant is refused with the reason', async () => {
    const result = await run(['record', 'get', cid, '--as', physician, '--out', out('a.txt')])
    assert.notEqual(result.code, 0)
    assert.match(result.stderr, /ERR_ACCESS_NEVER_GRANTED/)
  })

  test('access request, then a grant relayed with the keystore: the physician reads', async () => {
    await cli([
      'access',
      'request',
      '--as',
      physician,
      '--patient',
      patient,
      '--purpose',
      'referral',
    ])
    const granted = await relayed('grant')
    assert.equal(granted.via, 'relayed-signature')
    assert.equal(granted.keysShared, 1)
    await cli(['record', 'get', cid, '--as', physician, '--out', out('b.txt')])
    assert.ok((await readFile(out('b.txt'))).equals(note))
  })

  test('access revoke closes it again', async () => {
    await relayed('revoke')
    const result = await run(['record', 'get', cid, '--as', physician, '--out', out('c.txt')])
    assert.match(result.stderr, /ERR_ACCESS_REVOKED/)
  })

  test('emergency declare is listed as active', async () => {
    await cli([
      'emergency',
      'declare',
      '--as',
      physician,
      '--patient',
      patient,
      '--reason',
      'life-threatening',
    ])
    const [emergency] = await cli<{ active: boolean; reason: string }[]>([
      'emergency',
      'list',
      '--as',
      physician,
      '--active',
    ])
    assert.deepEqual([emergency!.active, emergency!.reason], [true, 'life-threatening'])
  })

  test('emergency roles and automatic release, set by an administrator', async () => {
    const before = await cli<EmergencyPolicyView>(['emergency', 'roles', '--as', physician])
    assert.deepEqual(before.roles, ['physician', 'nurse'])
    const after = await cli<EmergencyPolicyView>([
      ...['emergency', 'roles', '--as', network.admin],
      ...['--set', 'physician,nurse,pharmacist'],
    ])
    assert.deepEqual(after.roles, ['physician', 'nurse', 'pharmacist'])
    const noSecret = await runCli(
      ['emergency', 'auto-release', '--as', network.admin, '--enable', '--data-dir', dataDir],
      { ...env, EMR_NODE_SECRET: '' },
    )
    assert.notEqual(noSecret.code, 0)
    assert.match(noSecret.stderr, /ERR_NODE_SECRET_UNAVAILABLE/)
    const secret = { ...env, EMR_NODE_SECRET: randomBytes(32).toString('hex') }
    const autoRelease = (flag: string) =>
      runCli(
        ['emergency', 'auto-release', '--as', network.admin, flag, '--data-dir', dataDir],
        secret,
      )
    const enabled = await autoRelease('--enable')
    assert.match(
      enabled.stdout,
      /Automatic release is on \(releaser 0x[0-9a-fA-F]{40}\): this node holds/,
    )
    const disabled = await autoRelease('--disable')
    assert.match(disabled.stdout, /Automatic release is off/)
  })

  test('audit export writes the trail; audit verify passes, then fails after tampering', async () => {
    const byNurse = await run(['audit', 'anchor', '--as', nurse])
    assert.equal(byNurse.code, 1)
    assert.match(byNurse.stderr, /ERR_FORBIDDEN/)
    await cli(['audit', 'anchor', '--as', network.admin])
    await cli([
      'audit',
      'export',
      '--as',
      network.admin,
      '--format',
      'csv',
      '--out',
      out('trail.csv'),
    ])
    const csv = await readFile(out('trail.csv'), 'utf8')
    assert.match(csv, /,access-requested,/)
    assert.match(csv, /,read-denied,.*ERR_ACCESS_REVOKED/)
    const verified = await cli<AuditVerification>(['audit', 'verify', '--as', network.admin])
    assert.equal(verified.ok, true)

    const db = new DatabaseSync(dataPaths(dataDir).database)
    db.prepare('DELETE FROM read_log WHERE seq = 1').run()
    db.close()
    const tampered = await run(['audit', 'verify', '--as', network.admin])
    assert.equal(tampered.code, 1)
    const report = JSON.parse(tampered.stdout) as AuditVerification
    assert.equal(report.ok, false)
    assert.ok(report.problems.some((p) => p.kind === 'missing' && p.seq === 1))
  })
})

/**
 * A patient who lost their keystore gets a new key at the desk: the institution's administrator
 * re-issues it on chain, the new keystore then consents and reads the patient's history, and
 * the old key's signature is refused by the registry.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, test } from 'node:test'
import { Wallet, getAddress } from 'ethers'
import type { AccessActionResult, RotatedRecord } from '../../electron/node/access/types.ts'
import { compactSignature, signAccessGrant } from '../../electron/node/chain/eip712.ts'
import { contractErrorCode } from '../../electron/node/chain/contract-errors.ts'
import { revertDataOf } from '../../electron/node/chain/revert.ts'
import type { PatientKeyReissue, SessionView } from '../../electron/node/identity/types.ts'
import type { OpenedRecord, RecordView } from '../../electron/node/records/types.ts'
import { PASS, startClinic, uploadFile } from '../helpers/clinic.ts'

const expectCode = (code: string) => (error: { code?: string }) => error.code === code

describe('patient key re-issue at the desk', async () => {
  const { node, call, network, nurse, patient } = await startClinic()
  const patientAddress = getAddress(patient.patient.address)
  const oldConsent = { keystoreJson: patient.keystoreJson, passphrase: patient.passphrase }
  const xray = randomBytes(200_000)
  const record = await uploadFile(call, { patient: patientAddress, bytes: xray })
  const note = randomBytes(3_000)
  const noteRecord = await uploadFile(call, {
    patient: patientAddress,
    bytes: note,
    title: 'Clinic note',
  })
  const signIn = (address: string, passphrase = PASS) =>
    call('session.signIn', { address, passphrase })

  await signIn(network.admin)
  const { address: physician } = await call<{ address: string }>('accounts.create', {
    label: 'Dr Huang',
    passphrase: PASS,
  })
  await call('staff.registerDirect', {
    account: physician,
    role: 'physician',
    identity: { name: 'Dr Huang', nationalId: 'B123456780', licenceNumber: 'LIC-1' },
  })

  let reissue: PatientKeyReissue
  let rotated: RotatedRecord | undefined

  test('only an administrator re-issues a key', async () => {
    await signIn(nurse)
    await assert.rejects(
      call('patients.reissueKey', { patient: patientAddress }),
      expectCode('ERR_FORBIDDEN'),
    )
  })

  test("the admin re-issues: a new keystore once, the custodian's keys re-wrapped for it", async () => {
    await signIn(network.admin)
    reissue = await call<PatientKeyReissue>('patients.reissueKey', { patient: patientAddress })
    assert.equal(reissue.patient.address, patientAddress)
    assert.notEqual(reissue.newKey, patientAddress)
    assert.ok(reissue.passphrase.length >= 20)
    assert.equal(reissue.keysShared, 2)
    assert.ok(reissue.keyBundleCid)
    const registry = node.chain.registry
    assert.equal(await registry.getFunction('keyOf')(patientAddress), reissue.newKey)
    assert.equal(await registry.getFunction('patientOf')(reissue.newKey), patientAddress)
  })

  test("the old keystore's consent is refused at the node, its signature by the registry", async () => {
    await signIn(nurse)
    await assert.rejects(
      call('access.grant', { patient: patientAddress, reader: physician, consent: oldConsent }),
      expectCode('ERR_CONSENT_MISMATCH'),
    )
    // Whoever holds the lost keystore signs on their own and relays it straight to the chain.
    const oldKey = Wallet.fromEncryptedJsonSync(patient.keystoreJson, patient.passphrase)
    const registry = node.chain.registry
    const nonce = (await registry.getFunction('nonces')(patientAddress)) as bigint
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 600)
    const grant = {
      patient: patientAddress,
      reader: physician,
      expiry: 0n,
      keyBundleCid: '0x',
      nonce,
      deadline,
    }
    const { r, vs } = compactSignature(
      await signAccessGrant(
        oldKey,
        node.chain.deployment.contractAddress,
        node.chain.chainId,
        grant,
      ),
    )
    const attempt = registry
      .getFunction('grantAccessBySig')
      .staticCall(patientAddress, physician, 0n, '0x', deadline, r, vs)
    const error = await attempt.then(
      () => assert.fail('the old key granted access'),
      (error: unknown) => error,
    )
    const parsed = registry.interface.parseError(revertDataOf(error)!)
    assert.equal(contractErrorCode(parsed!.name), 'ERR_INVALID_SIGNATURE')
  })

  test('the new keystore consents to a grant, and the grantee reads the old record', async () => {
    await signIn(nurse)
    const granted = await call<AccessActionResult>('access.grant', {
      patient: patientAddress,
      reader: physician,
      consent: { keystoreJson: reissue.keystoreJson, passphrase: reissue.passphrase },
    })
    assert.equal(granted.via, 'relayed-signature')
    assert.equal(granted.keysShared, 2)
    await signIn(physician)
    const opened = await call<OpenedRecord>('records.open', { cid: record.cid })
    assert.deepEqual(Buffer.from(opened.contentBase64, 'base64'), xray)
  })

  test('the new keystore restricts a granted record: re-keyed from the re-issue bundle', async () => {
    await signIn(nurse)
    const restricted = await call<AccessActionResult>('access.restrict', {
      patient: patientAddress,
      recordId: noteRecord.recordId,
      restricted: true,
      consent: { keystoreJson: reissue.keystoreJson, passphrase: reissue.passphrase },
    })
    rotated = restricted.rotated?.[0]
    assert.equal(rotated?.recordId, noteRecord.recordId)
    await signIn(physician)
    await assert.rejects(
      call('records.open', { cid: rotated.cid }),
      expectCode('ERR_ACCESS_RESTRICTED'),
    )
  })

  test('signed in with the new keystore, the patient is the patient and reads their history', async () => {
    const { address } = await call<{ address: string }>('accounts.importKeystore', {
      label: 'Wang (new key)',
      json: reissue.keystoreJson,
      passphrase: reissue.passphrase,
    })
    assert.equal(getAddress(address), reissue.newKey)
    const session = await call<SessionView>('session.signIn', {
      address,
      passphrase: reissue.passphrase,
    })
    assert.equal(session.member.kind, 'patient')
    assert.equal(session.member.patient, patientAddress)
    const chart = await call<RecordView[]>('records.list', { patient: patientAddress })
    assert.deepEqual(
      chart.map((r) => r.recordId).sort(),
      [record.recordId, noteRecord.recordId].sort(),
    )
    const opened = await call<OpenedRecord>('records.open', { cid: record.cid })
    assert.deepEqual(Buffer.from(opened.contentBase64, 'base64'), xray)
    const rekeyed = await call<OpenedRecord>('records.open', { cid: rotated!.cid })
    assert.deepEqual(Buffer.from(rekeyed.contentBase64, 'base64'), note)
  })

  test("a version added after the re-issue is wrapped for the patient's new key", async () => {
    await signIn(nurse)
    const later = randomBytes(5_000)
    const next = await uploadFile(call, {
      patient: patientAddress,
      recordId: record.recordId,
      bytes: later,
    })
    await signIn(reissue.newKey, reissue.passphrase)
    const opened = await call<OpenedRecord>('records.open', { cid: next.cid })
    assert.deepEqual(Buffer.from(opened.contentBase64, 'base64'), later)
  })
})

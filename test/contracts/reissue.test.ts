/**
 * Patient key re-issue: an administrator makes a new key speak for a patient who lost theirs;
 * the patient's address stays their identity, the old key is refused from then on.
 */
import assert from 'node:assert/strict'
import { after, afterEach, before, beforeEach, describe, test } from 'node:test'
import { Wallet, ZeroAddress, ZeroHash, id } from 'ethers'
import {
  compactSignature,
  signAccessGrant,
  signPatientKeyReissue,
  type PatientKeyReissue,
} from '../../electron/node/chain/eip712.ts'
import {
  AccessStatus,
  MemberKind,
  MemberStatus,
} from '../../electron/node/chain/registry-artifact.ts'
import {
  CHAIN_ID,
  INSTITUTION_A,
  cidArgs,
  cidOf,
  commitmentOf,
  createFixture,
  encryptionKeyOf,
  textCidOf,
  type Fixture,
} from './fixture.ts'

const BUNDLE = textCidOf('re-issue bundle')

describe('reissuePatientKey', () => {
  let f: Fixture
  before(async () => {
    f = await createFixture()
  })
  afterEach(() => f.restore())
  after(() => f.stop())

  /** Record 1: the patient's, created by physicianA (custodian: institution A). */
  beforeEach(async () => {
    await f.anchor(f.accounts.physicianA, f.accounts.patient, cidOf('record 1'))
  })

  /** A funded wallet, deterministic per label: the patient's new key. */
  async function newKey(label: string): Promise<Wallet> {
    const wallet = new Wallet(id(`re-issued key: ${label}`), f.provider)
    const { outsider } = f.accounts
    await (await outsider.sendTransaction({ to: wallet.address, value: 10n ** 17n })).wait()
    return wallet
  }

  async function deadline(): Promise<bigint> {
    return (await f.now()) + 600n
  }

  /** The fields `signer` signs to prove it holds `key`, for `patient`'s current nonce. */
  async function reissueFields(patient: Wallet, key: Wallet): Promise<PatientKeyReissue> {
    const [nonce] = (await f.view('nonces', patient.address)) as [bigint]
    return {
      patient: patient.address,
      newKey: key.address,
      encryptionPublicKey: encryptionKeyOf(key),
      nonce,
      deadline: await deadline(),
    }
  }

  async function relay(admin: Wallet, fields: PatientKeyReissue, signer: Wallet, cid = BUNDLE) {
    const { r, vs } = compactSignature(
      await signPatientKeyReissue(signer, f.address, CHAIN_ID, fields),
    )
    return f.send(
      admin,
      'reissuePatientKey',
      fields.patient,
      fields.newKey,
      fields.encryptionPublicKey,
      cid,
      fields.deadline,
      r,
      vs,
    )
  }

  async function reissue(patient: Wallet, key: Wallet, admin = f.accounts.adminA) {
    return relay(admin, await reissueFields(patient, key), key)
  }

  /** `grantAccessBySig` for `patient` to `reader`, signed by `signer`, relayed by nurseA. */
  async function grantBySig(patient: Wallet, reader: Wallet, signer: Wallet) {
    const [nonce] = (await f.view('nonces', patient.address)) as [bigint]
    const fields = {
      patient: patient.address,
      reader: reader.address,
      expiry: 0n,
      keyBundleCid: BUNDLE,
      nonce,
      deadline: await deadline(),
    }
    const { r, vs } = compactSignature(await signAccessGrant(signer, f.address, CHAIN_ID, fields))
    return f.send(
      f.accounts.nurseA,
      'grantAccessBySig',
      patient.address,
      reader.address,
      0n,
      BUNDLE,
      fields.deadline,
      r,
      vs,
    )
  }

  const statusOf = async (reader: string, recordId = 1n) =>
    Number(((await f.view('accessStatus', reader, recordId)) as [bigint])[0])

  test('an admin makes the new key speak for the patient; the event carries key and bundle', async () => {
    const { adminA, patient } = f.accounts
    const key = await newKey('1')
    const receipt = await reissue(patient, key)
    f.expectEvent(receipt, 'PatientKeyReissued', [
      patient.address,
      key.address,
      encryptionKeyOf(key),
      adminA.address,
      BUNDLE,
    ])
    assert.deepEqual(await f.view('keyOf', patient.address), [key.address])
    assert.deepEqual(await f.view('patientOf', key.address), [patient.address])
    assert.deepEqual(await f.view('patientOf', patient.address), [ZeroAddress])
    assert.deepEqual(await f.view('nonces', patient.address), [1n])
    const [kind, status, role, institution, commitment] = await f.view('memberOf', key.address)
    assert.deepEqual(
      [kind, status, role, institution, commitment],
      [BigInt(MemberKind.PatientKey), BigInt(MemberStatus.Active), 0n, 0n, ZeroHash.slice(0, 42)],
    )
    const [patientKind, , patientRole] = await f.view('memberOf', patient.address)
    assert.deepEqual([patientKind, patientRole], [BigInt(MemberKind.Patient), 0n])
  })

  test('before any re-issue a patient is their own key', async () => {
    const { patient, nurseA } = f.accounts
    assert.deepEqual(await f.view('keyOf', patient.address), [patient.address])
    assert.deepEqual(await f.view('patientOf', patient.address), [patient.address])
    assert.deepEqual(await f.view('keyOf', nurseA.address), [ZeroAddress])
    assert.deepEqual(await f.view('patientOf', nurseA.address), [ZeroAddress])
  })

  test("the new key's signature grants for the patient; the old key's is refused", async () => {
    const { patient, physicianB } = f.accounts
    const key = await newKey('1')
    await reissue(patient, key)
    await f.expectRevert(grantBySig(patient, physicianB, patient), 'InvalidSignature')
    f.expectEvent(await grantBySig(patient, physicianB, key), 'AccessGranted', [
      patient.address,
      physicianB.address,
      0n,
      BUNDLE,
    ])
    assert.equal(await statusOf(physicianB.address), AccessStatus.Allowed)
  })

  test('the new key acts directly as the patient; the old key is PatientKeyRetired', async () => {
    const { patient, physicianB } = f.accounts
    const key = await newKey('1')
    await reissue(patient, key)
    f.expectEvent(
      await f.send(key, 'grantAccess', physicianB.address, 0n, BUNDLE),
      'AccessGranted',
      [patient.address, physicianB.address, 0n, BUNDLE],
    )
    f.expectEvent(await f.send(key, 'setRecordRestricted', 1n, true), 'RecordRestrictionChanged', [
      1n,
      patient.address,
      true,
    ])
    f.expectEvent(
      await f.send(key, 'anchorVersion', 1n, ...cidArgs('re-keyed')),
      'RecordAnchored',
      [1n, patient.address, key.address, 2, ...cidArgs('re-keyed')],
    )
    f.expectEvent(await f.send(key, 'revokeAccess', physicianB.address), 'AccessRevoked', [
      patient.address,
      physicianB.address,
    ])
    for (const [method, args] of [
      ['grantAccess', [physicianB.address, 0n, BUNDLE]],
      ['revokeAccess', [physicianB.address]],
      ['setRecordRestricted', [1n, false]],
      ['anchorVersion', [1n, ...cidArgs('old key')]],
    ] as const) {
      await f.expectRevert(f.send(patient, method, ...args), 'PatientKeyRetired', [patient.address])
    }
  })

  test('the new key reads as the patient; the patient stays the identity', async () => {
    const { patient } = f.accounts
    const key = await newKey('1')
    await reissue(patient, key)
    await f.send(key, 'setRecordRestricted', 1n, true)
    assert.equal(await statusOf(key.address), AccessStatus.Allowed)
    assert.equal(await statusOf(patient.address), AccessStatus.Allowed)
    assert.deepEqual((await f.view('getRecord', 1n))[0], patient.address)
  })

  test('a grant to a patient reaches them through their re-issued key', async () => {
    const { patient, patient2, physicianA } = f.accounts
    const other = await f.anchor(physicianA, patient2, cidOf('record of patient 2'))
    await f.send(patient2, 'grantAccess', patient.address, 0n, BUNDLE)
    const key = await newKey('1')
    await reissue(patient, key)
    assert.equal(await statusOf(key.address, other), AccessStatus.Allowed)
  })

  test('a second re-issue retires the first key for good', async () => {
    const { patient, physicianB } = f.accounts
    const first = await newKey('1')
    const second = await newKey('2')
    await reissue(patient, first)
    await reissue(patient, second, f.accounts.adminB)
    assert.deepEqual(await f.view('keyOf', patient.address), [second.address])
    assert.deepEqual(await f.view('patientOf', first.address), [ZeroAddress])
    const [, status] = await f.view('memberOf', first.address)
    assert.equal(status, BigInt(MemberStatus.Suspended))
    assert.equal(await statusOf(first.address), AccessStatus.NotRegistered)
    await f.expectRevert(
      f.send(first, 'grantAccess', physicianB.address, 0n, BUNDLE),
      'PatientKeyRetired',
      [first.address],
    )
    await f.expectRevert(grantBySig(patient, physicianB, first), 'InvalidSignature')
    await grantBySig(patient, physicianB, second)
  })

  test('a re-issued or retired key cannot register as anything: AlreadyRegistered', async () => {
    const { patient } = f.accounts
    const key = await newKey('1')
    await reissue(patient, key)
    await f.expectRevert(
      f.send(key, 'registerPatient', commitmentOf('key'), encryptionKeyOf(key)),
      'AlreadyRegistered',
      [key.address],
    )
    await f.expectRevert(reissue(f.accounts.patient2, key), 'AlreadyRegistered', [key.address])
  })

  for (const caller of ['physicianA', 'suspendedA', 'patient', 'outsider'] as const) {
    test(`${caller} may not re-issue: NotInstitutionAdmin`, async () => {
      const account = f.accounts[caller]
      const key = await newKey('1')
      const institution = caller === 'physicianA' || caller === 'suspendedA' ? INSTITUTION_A : 0
      await f.expectRevert(reissue(f.accounts.patient, key, account), 'NotInstitutionAdmin', [
        account.address,
        institution,
      ])
    })
  }

  test('a deadline in the past: SignatureExpired', async () => {
    const key = await newKey('1')
    const fields = { ...(await reissueFields(f.accounts.patient, key)), deadline: 1n }
    await f.expectRevert(relay(f.accounts.adminA, fields, key), 'SignatureExpired', [1n])
  })

  for (const target of ['nurseA', 'outsider'] as const) {
    test(`${target} is no registered patient: NotRegisteredPatient`, async () => {
      const account = f.accounts[target]
      const key = await newKey('1')
      const fields = { ...(await reissueFields(f.accounts.patient, key)), patient: account.address }
      await f.expectRevert(relay(f.accounts.adminA, fields, key), 'NotRegisteredPatient', [
        account.address,
      ])
    })
  }

  test('the zero address as the new key: InvalidAccount', async () => {
    const key = await newKey('1')
    const fields = { ...(await reissueFields(f.accounts.patient, key)), newKey: ZeroAddress }
    await f.expectRevert(relay(f.accounts.adminA, fields, key), 'InvalidAccount', [ZeroAddress])
  })

  for (const taken of ['nurseA', 'patient2', 'patient'] as const) {
    test(`${taken}'s account as the new key: AlreadyRegistered`, async () => {
      const account = f.accounts[taken]
      await f.expectRevert(reissue(f.accounts.patient, account), 'AlreadyRegistered', [
        account.address,
      ])
    })
  }

  test('an encryption key that is not compressed: InvalidEncryptionKey', async () => {
    const key = await newKey('1')
    const fields = {
      ...(await reissueFields(f.accounts.patient, key)),
      encryptionPublicKey: key.signingKey.publicKey,
    }
    await f.expectRevert(relay(f.accounts.adminA, fields, key), 'InvalidEncryptionKey')
  })

  test("not signed by the new key (the old key's, an altered key, a replay): InvalidSignature", async () => {
    const { adminA, patient } = f.accounts
    const key = await newKey('1')
    const fields = await reissueFields(patient, key)
    await f.expectRevert(relay(adminA, fields, patient), 'InvalidSignature')
    const { r, vs } = compactSignature(
      await signPatientKeyReissue(key, f.address, CHAIN_ID, fields),
    )
    const other = await newKey('other encryption key')
    await f.expectRevert(
      f.send(
        adminA,
        'reissuePatientKey',
        patient.address,
        key.address,
        encryptionKeyOf(other),
        BUNDLE,
        fields.deadline,
        r,
        vs,
      ),
      'InvalidSignature',
    )
    await relay(adminA, fields, key)
    const second = await newKey('2')
    await f.expectRevert(
      relay(adminA, { ...fields, newKey: second.address }, second),
      'InvalidSignature',
    )
  })
})

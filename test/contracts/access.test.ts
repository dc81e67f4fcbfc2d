import assert from 'node:assert/strict'
import { after, afterEach, before, beforeEach, describe, test } from 'node:test'
import { ZeroAddress, id, type TransactionReceipt, type Wallet } from 'ethers'
import {
  compactSignature,
  signAccessGrant,
  signAccessRevocation,
  type AccessGrant,
  type AccessRevocation,
} from '../../electron/node/chain/eip712.ts'
import { AccessStatus } from '../../electron/node/chain/registry-artifact.ts'
import {
  CHAIN_ID,
  INSTITUTION_A,
  INSTITUTION_B,
  cidArgs,
  cidOf,
  createFixture,
  textCidOf,
  type Fixture,
} from './fixture.ts'

const DAY = 24n * 3600n
const BUNDLE = textCidOf('key bundle')

describe('access', () => {
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

  const statusOf = async (reader: Wallet, recordId = 1n) => {
    const [status] = await f.view('accessStatus', reader.address, recordId)
    return Number(status)
  }
  const blockTime = async (receipt: TransactionReceipt) =>
    BigInt((await f.provider.getBlock(receipt.blockNumber))!.timestamp)

  describe('requestAccess', () => {
    test("staff ask a patient for access; the event carries the staff's institution", async () => {
      const { physicianB, patient } = f.accounts
      f.expectEvent(
        await f.send(physicianB, 'requestAccess', patient.address, 3),
        'AccessRequested',
        [patient.address, physicianB.address, INSTITUTION_B, 3],
      )
    })

    for (const caller of ['pendingA', 'suspendedA', 'patient2', 'outsider'] as const) {
      test(`${caller} may not request: NotActiveStaff`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'requestAccess', f.accounts.patient.address, 1),
          'NotActiveStaff',
          [account.address],
        )
      })
    }

    for (const target of ['outsider', 'nurseA'] as const) {
      test(`${target} is no registered patient: NotRegisteredPatient`, async () => {
        const account = f.accounts[target]
        await f.expectRevert(
          f.send(f.accounts.physicianB, 'requestAccess', account.address, 1),
          'NotRegisteredPatient',
          [account.address],
        )
      })
    }
  })

  describe('grantAccess', () => {
    test('the patient grants a reader without expiry; the key bundle CID is in the event', async () => {
      const { physicianB, patient } = f.accounts
      assert.equal(await statusOf(physicianB), AccessStatus.NeverGranted)
      const receipt = await f.send(patient, 'grantAccess', physicianB.address, 0n, BUNDLE)
      f.expectEvent(receipt, 'AccessGranted', [patient.address, physicianB.address, 0n, BUNDLE])
      assert.equal(await statusOf(physicianB), AccessStatus.Allowed)
      await f.increaseTime(3650n * DAY)
      assert.equal(await statusOf(physicianB), AccessStatus.Allowed)
    })

    test('a grant with an expiry ends then; granting again renews it', async () => {
      const { physicianB, patient } = f.accounts
      const expiry = (await f.now()) + DAY
      await f.send(patient, 'grantAccess', physicianB.address, expiry, BUNDLE)
      assert.equal(await statusOf(physicianB), AccessStatus.Allowed)
      await f.increaseTime(DAY - 60n)
      assert.equal(await statusOf(physicianB), AccessStatus.Allowed)
      await f.increaseTime(61n)
      assert.equal(await statusOf(physicianB), AccessStatus.Expired)
      const renewed = (await f.now()) + DAY
      f.expectEvent(
        await f.send(patient, 'grantAccess', physicianB.address, renewed, BUNDLE),
        'AccessGranted',
        [patient.address, physicianB.address, renewed, BUNDLE],
      )
      assert.equal(await statusOf(physicianB), AccessStatus.Allowed)
    })

    test('a grant covers every record of the patient, also later ones', async () => {
      const { physicianA, physicianB, patient } = f.accounts
      await f.send(patient, 'grantAccess', physicianB.address, 0n, '0x')
      const later = await f.anchor(physicianA, patient, cidOf('record 2'))
      assert.equal(await statusOf(physicianB, later), AccessStatus.Allowed)
    })

    for (const caller of ['physicianA', 'pendingA', 'outsider'] as const) {
      test(`${caller} is no registered patient: NotRegisteredPatient`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'grantAccess', f.accounts.physicianB.address, 0n, BUNDLE),
          'NotRegisteredPatient',
          [account.address],
        )
      })
    }

    test('the zero address or the patient as reader: InvalidAccount', async () => {
      const { patient } = f.accounts
      await f.expectRevert(
        f.send(patient, 'grantAccess', ZeroAddress, 0n, BUNDLE),
        'InvalidAccount',
        [ZeroAddress],
      )
      await f.expectRevert(
        f.send(patient, 'grantAccess', patient.address, 0n, BUNDLE),
        'InvalidAccount',
        [patient.address],
      )
    })

    test('an expiry in the past: InvalidExpiry', async () => {
      const past = (await f.now()) - 1n
      await f.expectRevert(
        f.send(f.accounts.patient, 'grantAccess', f.accounts.physicianB.address, past, BUNDLE),
        'InvalidExpiry',
        [past],
      )
    })
  })

  describe('revokeAccess', () => {
    test('the patient revokes a grant; granting again restores it', async () => {
      const { physicianB, patient } = f.accounts
      await f.send(patient, 'grantAccess', physicianB.address, 0n, BUNDLE)
      f.expectEvent(await f.send(patient, 'revokeAccess', physicianB.address), 'AccessRevoked', [
        patient.address,
        physicianB.address,
      ])
      assert.equal(await statusOf(physicianB), AccessStatus.Revoked)
      await f.send(patient, 'grantAccess', physicianB.address, 0n, BUNDLE)
      assert.equal(await statusOf(physicianB), AccessStatus.Allowed)
    })

    test('an expired grant can be revoked', async () => {
      const { physicianB, patient } = f.accounts
      await f.send(patient, 'grantAccess', physicianB.address, (await f.now()) + 60n, BUNDLE)
      await f.increaseTime(61n)
      await f.send(patient, 'revokeAccess', physicianB.address)
      assert.equal(await statusOf(physicianB), AccessStatus.Revoked)
    })

    test('nothing to revoke, or revoked already: NotGranted', async () => {
      const { physicianB, nurseA, patient } = f.accounts
      await f.expectRevert(f.send(patient, 'revokeAccess', nurseA.address), 'NotGranted', [
        patient.address,
        nurseA.address,
      ])
      await f.send(patient, 'grantAccess', physicianB.address, 0n, BUNDLE)
      await f.send(patient, 'revokeAccess', physicianB.address)
      await f.expectRevert(f.send(patient, 'revokeAccess', physicianB.address), 'NotGranted', [
        patient.address,
        physicianB.address,
      ])
    })

    for (const caller of ['physicianA', 'outsider'] as const) {
      test(`${caller} is no registered patient: NotRegisteredPatient`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'revokeAccess', f.accounts.physicianB.address),
          'NotRegisteredPatient',
          [account.address],
        )
      })
    }
  })

  describe('grantAccessBySig and revokeAccessBySig', () => {
    const nonceOf = async (patient: Wallet) =>
      ((await f.view('nonces', patient.address)) as [bigint])[0]

    async function grant(overrides: Partial<AccessGrant> = {}): Promise<AccessGrant> {
      const { patient, physicianB } = f.accounts
      return {
        patient: patient.address,
        reader: physicianB.address,
        expiry: 0n,
        keyBundleCid: BUNDLE,
        nonce: await nonceOf(patient),
        deadline: (await f.now()) + 3600n,
        ...overrides,
      }
    }

    async function revocation(
      overrides: Partial<AccessRevocation> = {},
    ): Promise<AccessRevocation> {
      const { patient, physicianB } = f.accounts
      return {
        patient: patient.address,
        reader: physicianB.address,
        nonce: await nonceOf(patient),
        deadline: (await f.now()) + 3600n,
        ...overrides,
      }
    }

    function relayGrant(fields: AccessGrant, signature: string) {
      const { r, vs } = compactSignature(signature)
      return f.send(
        f.accounts.outsider,
        'grantAccessBySig',
        fields.patient,
        fields.reader,
        fields.expiry,
        fields.keyBundleCid,
        fields.deadline,
        r,
        vs,
      )
    }
    function relayRevocation(fields: AccessRevocation, signature: string) {
      const { r, vs } = compactSignature(signature)
      return f.send(
        f.accounts.outsider,
        'revokeAccessBySig',
        fields.patient,
        fields.reader,
        fields.deadline,
        r,
        vs,
      )
    }
    const signGrant = (wallet: Wallet, fields: AccessGrant) =>
      signAccessGrant(wallet, f.address, CHAIN_ID, fields)
    const signRevocation = (wallet: Wallet, fields: AccessRevocation) =>
      signAccessRevocation(wallet, f.address, CHAIN_ID, fields)

    test("anyone relays the patient's signed grant and revocation; each uses a nonce", async () => {
      const { patient, physicianB } = f.accounts
      const granted = await grant({ expiry: (await f.now()) + DAY })
      f.expectEvent(await relayGrant(granted, await signGrant(patient, granted)), 'AccessGranted', [
        patient.address,
        physicianB.address,
        granted.expiry,
        BUNDLE,
      ])
      assert.equal(await nonceOf(patient), 1n)
      assert.equal(await statusOf(physicianB), AccessStatus.Allowed)
      const revoked = await revocation()
      f.expectEvent(
        await relayRevocation(revoked, await signRevocation(patient, revoked)),
        'AccessRevoked',
        [patient.address, physicianB.address],
      )
      assert.equal(await nonceOf(patient), 2n)
      assert.equal(await statusOf(physicianB), AccessStatus.Revoked)
    })

    test('replaying a grant after the revocation: InvalidSignature (the nonce is used up)', async () => {
      const { patient } = f.accounts
      const granted = await grant()
      const signature = await signGrant(patient, granted)
      await relayGrant(granted, signature)
      await f.send(patient, 'revokeAccess', granted.reader)
      await f.expectRevert(relayGrant(granted, signature), 'InvalidSignature')
    })

    test('replaying a revocation: InvalidSignature', async () => {
      const { patient } = f.accounts
      await f.send(patient, 'grantAccess', f.accounts.physicianB.address, 0n, BUNDLE)
      const revoked = await revocation()
      const signature = await signRevocation(patient, revoked)
      await relayRevocation(revoked, signature)
      await f.send(patient, 'grantAccess', f.accounts.physicianB.address, 0n, BUNDLE)
      await f.expectRevert(relayRevocation(revoked, signature), 'InvalidSignature')
    })

    test('a signature by another key, or over other fields: InvalidSignature', async () => {
      const { patient, patient2 } = f.accounts
      const granted = await grant()
      await f.expectRevert(
        relayGrant(granted, await signGrant(patient2, granted)),
        'InvalidSignature',
      )
      const signature = await signGrant(patient, granted)
      await f.expectRevert(
        relayGrant({ ...granted, expiry: 1n << 40n }, signature),
        'InvalidSignature',
      )
      await f.expectRevert(
        relayGrant({ ...granted, keyBundleCid: textCidOf('other') }, signature),
        'InvalidSignature',
      )
      await f.expectRevert(
        relayGrant({ ...granted, reader: f.accounts.nurseA.address }, signature),
        'InvalidSignature',
      )
      await f.send(patient, 'grantAccess', f.accounts.physicianB.address, 0n, BUNDLE)
      const revoked = await revocation()
      await f.expectRevert(
        relayRevocation(revoked, await signRevocation(patient2, revoked)),
        'InvalidSignature',
      )
    })

    test('a signature with a future nonce: InvalidSignature', async () => {
      const granted = await grant({ nonce: 1n })
      await f.expectRevert(
        relayGrant(granted, await signGrant(f.accounts.patient, granted)),
        'InvalidSignature',
      )
    })

    test('an expired deadline: SignatureExpired', async () => {
      const { patient } = f.accounts
      const granted = await grant()
      const grantSignature = await signGrant(patient, granted)
      const revoked = await revocation()
      const revokeSignature = await signRevocation(patient, revoked)
      await f.increaseTime(3601n)
      await f.expectRevert(relayGrant(granted, grantSignature), 'SignatureExpired', [
        granted.deadline,
      ])
      await f.expectRevert(relayRevocation(revoked, revokeSignature), 'SignatureExpired', [
        revoked.deadline,
      ])
    })

    test('a signer that is no registered patient: NotRegisteredPatient', async () => {
      const { outsider } = f.accounts
      const granted = await grant({ patient: outsider.address })
      await f.expectRevert(
        relayGrant(granted, await signGrant(outsider, granted)),
        'NotRegisteredPatient',
        [outsider.address],
      )
      const revoked = await revocation({ patient: outsider.address })
      await f.expectRevert(
        relayRevocation(revoked, await signRevocation(outsider, revoked)),
        'NotRegisteredPatient',
        [outsider.address],
      )
    })

    test('a validly signed grant is still checked: InvalidAccount, InvalidExpiry', async () => {
      const { patient } = f.accounts
      const toNobody = await grant({ reader: ZeroAddress })
      await f.expectRevert(
        relayGrant(toNobody, await signGrant(patient, toNobody)),
        'InvalidAccount',
        [ZeroAddress],
      )
      const past = (await f.now()) - 1n
      const expired = await grant({ expiry: past })
      await f.expectRevert(
        relayGrant(expired, await signGrant(patient, expired)),
        'InvalidExpiry',
        [past],
      )
    })

    test('a validly signed revocation of nothing: NotGranted', async () => {
      const { patient, physicianB } = f.accounts
      const revoked = await revocation()
      await f.expectRevert(
        relayRevocation(revoked, await signRevocation(patient, revoked)),
        'NotGranted',
        [patient.address, physicianB.address],
      )
    })
  })

  describe('emergencyAccess', () => {
    test('custodian staff read for 24 hours, with a loud event', async () => {
      const { nurseA, patient } = f.accounts
      assert.equal(await statusOf(nurseA), AccessStatus.NeverGranted)
      const receipt = await f.send(nurseA, 'emergencyAccess', patient.address, 2)
      const expiresAt = (await blockTime(receipt)) + DAY
      f.expectEvent(receipt, 'EmergencyAccessDeclared', [
        patient.address,
        nurseA.address,
        INSTITUTION_A,
        2,
        expiresAt,
      ])
      assert.equal(await statusOf(nurseA), AccessStatus.Allowed)
      await f.increaseTime(expiresAt - (await f.now()) - 30n)
      assert.equal(await statusOf(nurseA), AccessStatus.Allowed)
      await f.increaseTime(60n)
      assert.equal(await statusOf(nurseA), AccessStatus.NeverGranted)
    })

    test('an emergency does not open records held by other institutions', async () => {
      const { physicianB, patient } = f.accounts
      const receipt = await f.send(physicianB, 'emergencyAccess', patient.address, 1)
      f.expectEvent(receipt, 'EmergencyAccessDeclared', [
        patient.address,
        physicianB.address,
        INSTITUTION_B,
        1,
        (await blockTime(receipt)) + DAY,
      ])
      assert.equal(await statusOf(physicianB), AccessStatus.NeverGranted)
    })

    test("the patient's revocation closes a running emergency, before and after it", async () => {
      const { nurseA, physicianA, patient } = f.accounts
      await f.send(patient, 'grantAccess', nurseA.address, 0n, BUNDLE)
      await f.send(nurseA, 'emergencyAccess', patient.address, 1)
      assert.equal(await statusOf(nurseA), AccessStatus.Allowed)
      await f.send(patient, 'revokeAccess', nurseA.address)
      assert.equal(await statusOf(nurseA), AccessStatus.Revoked)
      await f.send(patient, 'grantAccess', physicianA.address, 0n, BUNDLE)
      await f.send(patient, 'revokeAccess', physicianA.address)
      await f.send(physicianA, 'emergencyAccess', patient.address, 1)
      const other = await f.anchor(nurseA, patient, cidOf('record 2'))
      assert.equal(await statusOf(physicianA, other), AccessStatus.Revoked)
    })

    test("the patient's restriction closes the record to a running emergency, not the others", async () => {
      const { nurseA, patient } = f.accounts
      const other = await f.anchor(f.accounts.physicianA, patient, cidOf('record 2'))
      await f.send(nurseA, 'emergencyAccess', patient.address, 1)
      await f.send(patient, 'setRecordRestricted', 1n, true)
      assert.equal(await statusOf(nurseA), AccessStatus.Restricted)
      assert.equal(await statusOf(nurseA, other), AccessStatus.Allowed)
      await f.send(patient, 'setRecordRestricted', 1n, false)
      assert.equal(await statusOf(nurseA), AccessStatus.Allowed)
    })

    test('an emergency does not change an existing grant', async () => {
      const { nurseA, patient } = f.accounts
      const expiry = (await f.now()) + 3n * DAY
      await f.send(patient, 'grantAccess', nurseA.address, expiry, BUNDLE)
      await f.send(nurseA, 'emergencyAccess', patient.address, 1)
      await f.increaseTime(2n * DAY)
      assert.equal(await statusOf(nurseA), AccessStatus.Allowed)
      await f.increaseTime(2n * DAY)
      assert.equal(await statusOf(nurseA), AccessStatus.Expired)
    })

    test('a reason is required: InvalidReasonCode', async () => {
      await f.expectRevert(
        f.send(f.accounts.nurseA, 'emergencyAccess', f.accounts.patient.address, 0),
        'InvalidReasonCode',
        [0],
      )
    })

    for (const caller of ['pendingA', 'suspendedA', 'patient2', 'outsider'] as const) {
      test(`${caller} may not declare an emergency: NotActiveStaff`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'emergencyAccess', f.accounts.patient.address, 1),
          'NotActiveStaff',
          [account.address],
        )
      })
    }

    test('on someone who is no registered patient: NotRegisteredPatient', async () => {
      const { nurseA, outsider } = f.accounts
      await f.expectRevert(
        f.send(nurseA, 'emergencyAccess', outsider.address, 1),
        'NotRegisteredPatient',
        [outsider.address],
      )
    })
  })

  describe('releaseEmergencyKeys', () => {
    test("the custodian's administrator publishes keys for an emergency of its staff", async () => {
      const { adminA, nurseA, patient } = f.accounts
      await f.send(nurseA, 'emergencyAccess', patient.address, 1)
      f.expectEvent(
        await f.send(adminA, 'releaseEmergencyKeys', patient.address, nurseA.address, BUNDLE),
        'EmergencyKeysReleased',
        [patient.address, nurseA.address, INSTITUTION_A, BUNDLE],
      )
    })

    test('without an unexpired emergency: NoActiveEmergency', async () => {
      const { adminA, nurseA, patient } = f.accounts
      const release = () =>
        f.send(adminA, 'releaseEmergencyKeys', patient.address, nurseA.address, BUNDLE)
      await f.expectRevert(release(), 'NoActiveEmergency', [patient.address, nurseA.address])
      await f.send(nurseA, 'emergencyAccess', patient.address, 1)
      await f.increaseTime(DAY + 1n)
      await f.expectRevert(release(), 'NoActiveEmergency', [patient.address, nurseA.address])
    })

    test("for another institution's staff: NotEmergencyReleaser, naming the declarant's", async () => {
      const { adminA, physicianB, patient } = f.accounts
      await f.send(physicianB, 'emergencyAccess', patient.address, 1)
      await f.expectRevert(
        f.send(adminA, 'releaseEmergencyKeys', patient.address, physicianB.address, BUNDLE),
        'NotEmergencyReleaser',
        [adminA.address, INSTITUTION_B],
      )
    })

    for (const caller of ['physicianA', 'suspendedA', 'patient', 'outsider'] as const) {
      test(`${caller} may not release keys: NotEmergencyReleaser`, async () => {
        const { nurseA, patient } = f.accounts
        await f.send(nurseA, 'emergencyAccess', patient.address, 1)
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'releaseEmergencyKeys', patient.address, nurseA.address, BUNDLE),
          'NotEmergencyReleaser',
          [account.address, INSTITUTION_A],
        )
      })
    }
  })

  describe('anchorAuditHead', () => {
    test("staff anchor their node's read-log head, with their institution", async () => {
      const { physicianB } = f.accounts
      const head = id('read log head')
      f.expectEvent(await f.send(physicianB, 'anchorAuditHead', head, 42n), 'AuditHeadAnchored', [
        INSTITUTION_B,
        physicianB.address,
        head,
        42n,
      ])
    })

    for (const caller of ['pendingA', 'suspendedA', 'patient', 'outsider'] as const) {
      test(`${caller} may not anchor: NotActiveStaff`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(f.send(account, 'anchorAuditHead', id('x'), 1n), 'NotActiveStaff', [
          account.address,
        ])
      })
    }
  })

  describe('accessStatus', () => {
    test('Allowed: the patient and the creator, even when the record is restricted', async () => {
      const { patient, physicianA } = f.accounts
      await f.send(patient, 'setRecordRestricted', 1n, true)
      assert.equal(await statusOf(patient), AccessStatus.Allowed)
      assert.equal(await statusOf(physicianA), AccessStatus.Allowed)
    })

    test('NotRegistered: unregistered accounts and pending staff', async () => {
      const { outsider, pendingA, patient } = f.accounts
      await f.send(patient, 'grantAccess', pendingA.address, 0n, BUNDLE)
      assert.equal(await statusOf(outsider), AccessStatus.NotRegistered)
      assert.equal(await statusOf(pendingA), AccessStatus.NotRegistered)
    })

    test('Suspended: suspended staff, before anything else (creator, grant)', async () => {
      const { adminA, physicianA, suspendedA, patient } = f.accounts
      await f.send(patient, 'grantAccess', suspendedA.address, 0n, BUNDLE)
      assert.equal(await statusOf(suspendedA), AccessStatus.Suspended)
      await f.send(adminA, 'suspendStaff', physicianA.address)
      assert.equal(await statusOf(physicianA), AccessStatus.Suspended)
      await f.send(adminA, 'reinstateStaff', physicianA.address)
      assert.equal(await statusOf(physicianA), AccessStatus.Allowed)
    })

    test('NeverGranted: other staff of the custodian, other patients', async () => {
      const { nurseA, adminA, patient2 } = f.accounts
      assert.equal(await statusOf(nurseA), AccessStatus.NeverGranted)
      assert.equal(await statusOf(adminA), AccessStatus.NeverGranted)
      assert.equal(await statusOf(patient2), AccessStatus.NeverGranted)
    })

    test('Allowed for a grantee who is a patient (family member)', async () => {
      const { patient, patient2 } = f.accounts
      await f.send(patient, 'grantAccess', patient2.address, 0n, BUNDLE)
      assert.equal(await statusOf(patient2), AccessStatus.Allowed)
    })

    test('Revoked, then Restricted, before NeverGranted and Expired', async () => {
      const { patient, physicianB, nurseA, patient2, adminA } = f.accounts
      const other = await f.anchor(f.accounts.physicianA, patient, cidOf('record 2'))
      await f.send(patient, 'grantAccess', physicianB.address, (await f.now()) + 60n, BUNDLE)
      await f.send(patient, 'grantAccess', nurseA.address, 0n, BUNDLE)
      await f.send(patient, 'grantAccess', patient2.address, 0n, BUNDLE)
      await f.send(patient, 'revokeAccess', nurseA.address)
      await f.send(patient, 'setRecordRestricted', 1n, true)
      await f.increaseTime(61n)
      assert.equal(await statusOf(nurseA), AccessStatus.Revoked)
      for (const reader of [physicianB, patient2, adminA]) {
        assert.equal(await statusOf(reader), AccessStatus.Restricted)
      }
      assert.equal(await statusOf(physicianB, other), AccessStatus.Expired)
      assert.equal(await statusOf(adminA, other), AccessStatus.NeverGranted)
      assert.equal(await statusOf(patient2, other), AccessStatus.Allowed)
    })

    test('uploaders of later versions read only while their grant lasts (documented limit)', async () => {
      const { patient, physicianB } = f.accounts
      await f.send(patient, 'grantAccess', physicianB.address, 0n, BUNDLE)
      await f.send(physicianB, 'anchorVersion', 1n, ...cidArgs('v2 by B'))
      await f.send(patient, 'revokeAccess', physicianB.address)
      assert.equal(await statusOf(physicianB), AccessStatus.Revoked)
    })

    test('an unknown record: UnknownRecord', async () => {
      await f.expectRevert(
        f.view('accessStatus', f.accounts.patient.address, 9n),
        'UnknownRecord',
        [9n],
      )
    })
  })

  describe('lookupCidFor', () => {
    test("answers lookupCid and the reader's accessStatus of the anchored record at once", async () => {
      const { patient, physicianA, physicianB, nurseA } = f.accounts
      await f.send(patient, 'grantAccess', nurseA.address, 0n, BUNDLE)
      await f.send(patient, 'revokeAccess', nurseA.address)
      await f.send(physicianA, 'anchorVersion', 1n, ...cidArgs('record 1 v2'))
      for (const reader of [patient, physicianA, physicianB, nurseA]) {
        for (const cid of [cidOf('record 1'), cidOf('record 1 v2')]) {
          const [recordId, version, uploader, owner, status] = await f.view(
            'lookupCidFor',
            cid,
            reader.address,
          )
          assert.deepEqual(
            [recordId, version, uploader, owner],
            [...(await f.view('lookupCid', cid))],
          )
          assert.equal(recordId, 1n)
          assert.equal(Number(status), await statusOf(reader))
        }
      }
      assert.equal(await statusOf(nurseA), AccessStatus.Revoked)
    })

    test('a CID that is not anchored: all zero, record id 0', async () => {
      assert.deepEqual(
        [...(await f.view('lookupCidFor', cidOf('nothing'), f.accounts.patient.address))],
        [0n, 0n, ZeroAddress, ZeroAddress, 0n],
      )
    })
  })
})

/**
 * Who may declare an emergency (each institution's emergency roles) and who may release its keys
 * (the institution's administrators and its emergency releaser).
 */
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, test } from 'node:test'
import { Wallet, ZeroAddress, id } from 'ethers'
import { AccessStatus, StaffRole } from '../../electron/node/chain/registry-artifact.ts'
import {
  INSTITUTION_A,
  INSTITUTION_B,
  cidOf,
  commitmentOf,
  createFixture,
  encryptionKeyOf,
  textCidOf,
  type Fixture,
} from './fixture.ts'

const BUNDLE = textCidOf('emergency bundle')
const PHYSICIAN_AND_NURSE = (1 << StaffRole.Physician) | (1 << StaffRole.Nurse)

describe('emergency', () => {
  let f: Fixture
  before(async () => {
    f = await createFixture()
  })
  afterEach(() => f.restore())
  after(() => f.stop())

  /** A funded, active staff member of institution A with `role` (the admin for Administrator). */
  async function staffOfA(role: number): Promise<Wallet> {
    if (role === StaffRole.Administrator) return f.accounts.adminA
    const wallet = new Wallet(id(`staff of A, role ${role}`), f.provider)
    const { outsider } = f.accounts
    await (await outsider.sendTransaction({ to: wallet.address, value: 10n ** 17n })).wait()
    await f.send(
      f.accounts.adminA,
      'registerStaffDirect',
      wallet.address,
      role,
      commitmentOf(wallet.address),
      encryptionKeyOf(wallet),
    )
    return wallet
  }

  const declare = (staff: Wallet) => f.send(staff, 'emergencyAccess', f.accounts.patient.address, 1)

  describe('emergencyAccess by role', () => {
    for (const [name, role] of Object.entries(StaffRole)) {
      const allowed = role === StaffRole.Physician || role === StaffRole.Nurse
      test(`${name}: ${allowed ? 'declares' : 'RoleCannotDeclareEmergency'} by default`, async () => {
        const staff = await staffOfA(role)
        if (allowed) {
          const receipt = await declare(staff)
          const [event] = receipt.logs.map((log) => f.registry.interface.parseLog(log))
          assert.equal(event?.name, 'EmergencyAccessDeclared')
        } else {
          await f.expectRevert(declare(staff), 'RoleCannotDeclareEmergency', [staff.address, role])
        }
      })
    }

    test('the role is checked before the reason and the patient', async () => {
      const technician = await staffOfA(StaffRole.Technician)
      await f.expectRevert(
        f.send(technician, 'emergencyAccess', f.accounts.outsider.address, 0),
        'RoleCannotDeclareEmergency',
        [technician.address, StaffRole.Technician],
      )
    })
  })

  describe('setEmergencyRoles', () => {
    test('every institution starts with Physician | Nurse and no releaser', async () => {
      for (const institution of [INSTITUTION_A, INSTITUTION_B]) {
        assert.deepEqual(await f.view('emergencySettingsOf', institution), [
          BigInt(PHYSICIAN_AND_NURSE),
          ZeroAddress,
        ])
      }
    })

    test("an admin changes their institution's roles; the other institution keeps its own", async () => {
      const { adminA, nurseA, physicianB } = f.accounts
      const technician = await staffOfA(StaffRole.Technician)
      const auditor = await staffOfA(StaffRole.Auditor)
      const mask = (1 << StaffRole.Technician) | (1 << StaffRole.Auditor)
      f.expectEvent(
        await f.send(adminA, 'setEmergencyRoles', INSTITUTION_A, mask),
        'EmergencyRolesSet',
        [INSTITUTION_A, adminA.address, mask],
      )
      assert.deepEqual(await f.view('emergencySettingsOf', INSTITUTION_A), [
        BigInt(mask),
        ZeroAddress,
      ])
      await declare(technician)
      await declare(auditor)
      await f.expectRevert(declare(nurseA), 'RoleCannotDeclareEmergency', [
        nurseA.address,
        StaffRole.Nurse,
      ])
      await declare(physicianB)
    })

    test('an empty mask stops emergencies at the institution', async () => {
      const { adminA, physicianA } = f.accounts
      await f.send(adminA, 'setEmergencyRoles', INSTITUTION_A, 0)
      await f.expectRevert(declare(physicianA), 'RoleCannotDeclareEmergency', [
        physicianA.address,
        StaffRole.Physician,
      ])
    })

    for (const mask of [0x01, 0x80, 0xff]) {
      test(`mask ${mask} holds a bit that is no role: InvalidRoleMask`, async () => {
        await f.expectRevert(
          f.send(f.accounts.adminA, 'setEmergencyRoles', INSTITUTION_A, mask),
          'InvalidRoleMask',
          [mask],
        )
      })
    }

    for (const caller of ['adminB', 'physicianA', 'patient'] as const) {
      test(`${caller} may not set institution A's roles: NotInstitutionAdmin`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'setEmergencyRoles', INSTITUTION_A, PHYSICIAN_AND_NURSE),
          'NotInstitutionAdmin',
          [account.address, INSTITUTION_A],
        )
      })
    }

    test('settings of an institution that does not exist: UnknownInstitution', async () => {
      await f.expectRevert(f.view('emergencySettingsOf', 3n), 'UnknownInstitution', [3n])
      await f.expectRevert(f.view('emergencySettingsOf', 0n), 'UnknownInstitution', [0n])
    })
  })

  describe('setEmergencyReleaser and the releaser', () => {
    const releaser = new Wallet(id('emergency releaser of A'))
    const releaserKey = releaser.signingKey.compressedPublicKey

    /** The releaser as a funded signer on the fixture's chain. */
    async function fundedReleaser(): Promise<Wallet> {
      const connected = releaser.connect(f.provider)
      const { outsider } = f.accounts
      await (await outsider.sendTransaction({ to: connected.address, value: 10n ** 17n })).wait()
      return connected
    }

    test('an admin names the releaser; its key is in the event, the view names it', async () => {
      const { adminA } = f.accounts
      f.expectEvent(
        await f.send(adminA, 'setEmergencyReleaser', INSTITUTION_A, releaser.address, releaserKey),
        'EmergencyReleaserSet',
        [INSTITUTION_A, releaser.address, releaserKey],
      )
      assert.deepEqual(await f.view('emergencySettingsOf', INSTITUTION_A), [
        BigInt(PHYSICIAN_AND_NURSE),
        releaser.address,
      ])
    })

    test("the releaser releases keys for its institution's emergencies, with no admin", async () => {
      const { adminA, nurseA, physicianB, patient } = f.accounts
      await f.send(adminA, 'setEmergencyReleaser', INSTITUTION_A, releaser.address, releaserKey)
      const node = await fundedReleaser()
      await declare(nurseA)
      f.expectEvent(
        await f.send(node, 'releaseEmergencyKeys', patient.address, nurseA.address, BUNDLE),
        'EmergencyKeysReleased',
        [patient.address, nurseA.address, INSTITUTION_A, BUNDLE],
      )
      await declare(physicianB)
      await f.expectRevert(
        f.send(node, 'releaseEmergencyKeys', patient.address, physicianB.address, BUNDLE),
        'NotEmergencyReleaser',
        [node.address, INSTITUTION_B],
      )
    })

    test('a replaced or removed releaser is refused; the admins still release', async () => {
      const { adminA, nurseA, patient } = f.accounts
      await f.send(adminA, 'setEmergencyReleaser', INSTITUTION_A, releaser.address, releaserKey)
      const node = await fundedReleaser()
      await declare(nurseA)
      const release = (caller: Wallet) =>
        f.send(caller, 'releaseEmergencyKeys', patient.address, nurseA.address, BUNDLE)
      const next = f.accounts.newcomer
      await f.send(
        adminA,
        'setEmergencyReleaser',
        INSTITUTION_A,
        next.address,
        encryptionKeyOf(next),
      )
      await f.expectRevert(release(node), 'NotEmergencyReleaser', [node.address, INSTITUTION_A])
      await release(next)
      f.expectEvent(
        await f.send(adminA, 'setEmergencyReleaser', INSTITUTION_A, ZeroAddress, '0x'),
        'EmergencyReleaserSet',
        [INSTITUTION_A, ZeroAddress, '0x'],
      )
      await f.expectRevert(release(next), 'NotEmergencyReleaser', [next.address, INSTITUTION_A])
      await release(adminA)
    })

    test('the releaser needs a running emergency too: NoActiveEmergency', async () => {
      const { adminA, nurseA, patient } = f.accounts
      await f.send(adminA, 'setEmergencyReleaser', INSTITUTION_A, releaser.address, releaserKey)
      const node = await fundedReleaser()
      await f.expectRevert(
        f.send(node, 'releaseEmergencyKeys', patient.address, nurseA.address, BUNDLE),
        'NoActiveEmergency',
        [patient.address, nurseA.address],
      )
    })

    for (const [label, account, key] of [
      ['a releaser without a key', releaser.address, '0x'],
      ['a releaser with an uncompressed key', releaser.address, releaser.signingKey.publicKey],
      ['nobody with a key', ZeroAddress, releaserKey],
    ] as const) {
      test(`${label}: InvalidEncryptionKey`, async () => {
        await f.expectRevert(
          f.send(f.accounts.adminA, 'setEmergencyReleaser', INSTITUTION_A, account, key),
          'InvalidEncryptionKey',
        )
      })
    }

    for (const caller of ['adminB', 'nurseA', 'outsider'] as const) {
      test(`${caller} may not name institution A's releaser: NotInstitutionAdmin`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'setEmergencyReleaser', INSTITUTION_A, releaser.address, releaserKey),
          'NotInstitutionAdmin',
          [account.address, INSTITUTION_A],
        )
      })
    }

    test('the releaser reads nothing itself: it is no member', async () => {
      const { adminA, patient, physicianA } = f.accounts
      await f.send(adminA, 'setEmergencyReleaser', INSTITUTION_A, releaser.address, releaserKey)
      await f.anchor(physicianA, patient, cidOf('record'))
      const [status] = await f.view('accessStatus', releaser.address, 1n)
      assert.equal(Number(status), AccessStatus.NotRegistered)
    })
  })
})

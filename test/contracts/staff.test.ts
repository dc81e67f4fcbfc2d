import assert from 'node:assert/strict'
import { after, afterEach, before, describe, test } from 'node:test'
import { ZeroAddress, type Wallet } from 'ethers'
import { MemberKind, MemberStatus, StaffRole } from '../../electron/node/chain/registry-artifact.ts'
import {
  INSTITUTION_A,
  INSTITUTION_B,
  cidArgs,
  commitmentOf,
  createFixture,
  encryptionKeyOf,
  type AccountName,
  type Fixture,
} from './fixture.ts'

describe('staff', () => {
  let f: Fixture
  before(async () => {
    f = await createFixture()
  })
  afterEach(() => f.restore())
  after(() => f.stop())

  const member = (account: Wallet) => f.view('memberOf', account.address)
  const staffWord = (status: number, role: number, institution: bigint, commitment: string) => [
    BigInt(MemberKind.Staff),
    BigInt(status),
    BigInt(role),
    institution,
    commitment,
  ]

  /** Makes newcomer a second active administrator of institution A. */
  const registerAdminA2 = async () => {
    const { adminA, newcomer } = f.accounts
    await f.send(
      adminA,
      'registerStaffDirect',
      newcomer.address,
      StaffRole.Administrator,
      commitmentOf('admin2'),
      encryptionKeyOf(newcomer),
    )
    return newcomer
  }

  describe('registerStaff', () => {
    test('registers the caller as pending staff of the institution', async () => {
      const { newcomer } = f.accounts
      const receipt = await f.send(
        newcomer,
        'registerStaff',
        INSTITUTION_B,
        StaffRole.Pharmacist,
        commitmentOf('n'),
        encryptionKeyOf(newcomer),
      )
      f.expectEvent(receipt, 'StaffRegistered', [
        newcomer.address,
        INSTITUTION_B,
        StaffRole.Pharmacist,
        commitmentOf('n'),
        encryptionKeyOf(newcomer),
        true,
      ])
      assert.deepEqual(
        await member(newcomer),
        staffWord(MemberStatus.Pending, StaffRole.Pharmacist, INSTITUTION_B, commitmentOf('n')),
      )
    })

    test('pending staff cannot act until approved: NotActiveStaff', async () => {
      const { pendingA, patient } = f.accounts
      await f.expectRevert(
        f.send(pendingA, 'anchorRecord', patient.address, ...cidArgs('x')),
        'NotActiveStaff',
        [pendingA.address],
      )
    })

    for (const caller of ['adminA', 'physicianA', 'pendingA', 'suspendedA', 'patient'] as const) {
      test(`${caller} is already registered: AlreadyRegistered`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(
            account,
            'registerStaff',
            INSTITUTION_A,
            StaffRole.Nurse,
            commitmentOf('x'),
            encryptionKeyOf(account),
          ),
          'AlreadyRegistered',
          [account.address],
        )
      })
    }

    for (const institution of [0n, 3n]) {
      test(`institution ${institution} does not exist: UnknownInstitution`, async () => {
        const { newcomer } = f.accounts
        await f.expectRevert(
          f.send(
            newcomer,
            'registerStaff',
            institution,
            StaffRole.Nurse,
            commitmentOf('n'),
            encryptionKeyOf(newcomer),
          ),
          'UnknownInstitution',
          [institution],
        )
      })
    }

    for (const role of [0, 7, 255]) {
      test(`role ${role} is invalid: InvalidRole`, async () => {
        const { newcomer } = f.accounts
        await f.expectRevert(
          f.send(
            newcomer,
            'registerStaff',
            INSTITUTION_A,
            role,
            commitmentOf('n'),
            encryptionKeyOf(newcomer),
          ),
          'InvalidRole',
          [role],
        )
      })
    }

    test('a zero commitment is refused: EmptyCommitment', async () => {
      const { newcomer } = f.accounts
      await f.expectRevert(
        f.send(
          newcomer,
          'registerStaff',
          INSTITUTION_A,
          StaffRole.Nurse,
          '0x' + '00'.repeat(20),
          encryptionKeyOf(newcomer),
        ),
        'EmptyCommitment',
      )
    })

    const badKeys = {
      empty: '0x',
      '32 bytes': '0x02' + '11'.repeat(31),
      'uncompressed (65 bytes)': '', // filled in with the account's uncompressed key
      '33 bytes with prefix 0x04': '0x04' + '11'.repeat(32),
    }
    for (const [label, key] of Object.entries(badKeys)) {
      test(`an encryption key that is ${label} is refused: InvalidEncryptionKey`, async () => {
        const { newcomer } = f.accounts
        const encryptionKey = key || newcomer.signingKey.publicKey
        await f.expectRevert(
          f.send(
            newcomer,
            'registerStaff',
            INSTITUTION_A,
            StaffRole.Nurse,
            commitmentOf('n'),
            encryptionKey,
          ),
          'InvalidEncryptionKey',
        )
      })
    }
  })

  describe('approveStaff', () => {
    test("the institution's administrator activates a pending registration", async () => {
      const { adminA, pendingA, patient } = f.accounts
      const receipt = await f.send(adminA, 'approveStaff', pendingA.address)
      f.expectEvent(receipt, 'StaffApproved', [pendingA.address, adminA.address])
      assert.deepEqual(
        await member(pendingA),
        staffWord(
          MemberStatus.Active,
          StaffRole.Pharmacist,
          INSTITUTION_A,
          commitmentOf('pendingA'),
        ),
      )
      f.expectEvent(
        await f.send(pendingA, 'anchorRecord', patient.address, ...cidArgs('p')),
        'RecordAnchored',
        [1n, patient.address, pendingA.address, 1, ...cidArgs('p')],
      )
    })

    for (const caller of ['adminB', 'physicianA', 'governor', 'patient', 'outsider'] as const) {
      test(`${caller} is no administrator of institution A: NotInstitutionAdmin`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'approveStaff', f.accounts.pendingA.address),
          'NotInstitutionAdmin',
          [account.address, INSTITUTION_A],
        )
      })
    }

    test('a suspended administrator cannot approve: NotInstitutionAdmin', async () => {
      const { adminA, pendingA } = f.accounts
      const admin2 = await registerAdminA2()
      await f.send(adminA, 'suspendStaff', admin2.address)
      await f.expectRevert(
        f.send(admin2, 'approveStaff', pendingA.address),
        'NotInstitutionAdmin',
        [admin2.address, INSTITUTION_A],
      )
    })

    test('a pending administrator cannot approve: NotInstitutionAdmin', async () => {
      const { newcomer, pendingA } = f.accounts
      await f.send(
        newcomer,
        'registerStaff',
        INSTITUTION_A,
        StaffRole.Administrator,
        commitmentOf('n'),
        encryptionKeyOf(newcomer),
      )
      await f.expectRevert(
        f.send(newcomer, 'approveStaff', pendingA.address),
        'NotInstitutionAdmin',
        [newcomer.address, INSTITUTION_A],
      )
    })

    for (const target of ['physicianA', 'suspendedA', 'patient', 'outsider'] as const) {
      test(`${target} is not pending: NotPending`, async () => {
        const account = f.accounts[target]
        await f.expectRevert(
          f.send(f.accounts.adminA, 'approveStaff', account.address),
          'NotPending',
          [account.address],
        )
      })
    }

    test('approving twice: NotPending', async () => {
      const { adminA, pendingA } = f.accounts
      await f.send(adminA, 'approveStaff', pendingA.address)
      await f.expectRevert(f.send(adminA, 'approveStaff', pendingA.address), 'NotPending', [
        pendingA.address,
      ])
    })
  })

  describe('rejectStaff', () => {
    test('erases the pending registration; the account may register again', async () => {
      const { adminA, pendingA } = f.accounts
      const receipt = await f.send(adminA, 'rejectStaff', pendingA.address)
      f.expectEvent(receipt, 'StaffRejected', [pendingA.address, adminA.address])
      assert.deepEqual(await member(pendingA), [0n, 0n, 0n, 0n, '0x' + '00'.repeat(20)])
      const again = await f.send(
        pendingA,
        'registerStaff',
        INSTITUTION_B,
        StaffRole.Nurse,
        commitmentOf('again'),
        encryptionKeyOf(pendingA),
      )
      f.expectEvent(again, 'StaffRegistered', [
        pendingA.address,
        INSTITUTION_B,
        StaffRole.Nurse,
        commitmentOf('again'),
        encryptionKeyOf(pendingA),
        true,
      ])
    })

    for (const caller of ['adminB', 'physicianA', 'outsider'] as const) {
      test(`${caller} is no administrator of institution A: NotInstitutionAdmin`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'rejectStaff', f.accounts.pendingA.address),
          'NotInstitutionAdmin',
          [account.address, INSTITUTION_A],
        )
      })
    }

    for (const target of ['physicianA', 'suspendedA', 'patient'] as const) {
      test(`${target} is not pending: NotPending`, async () => {
        const account = f.accounts[target]
        await f.expectRevert(
          f.send(f.accounts.adminA, 'rejectStaff', account.address),
          'NotPending',
          [account.address],
        )
      })
    }
  })

  describe('registerStaffDirect', () => {
    test("registers an active staff member of the administrator's institution in one step", async () => {
      const { adminB, newcomer, patient } = f.accounts
      const receipt = await f.send(
        adminB,
        'registerStaffDirect',
        newcomer.address,
        StaffRole.Technician,
        commitmentOf('t'),
        encryptionKeyOf(newcomer),
      )
      f.expectEvent(receipt, 'StaffRegistered', [
        newcomer.address,
        INSTITUTION_B,
        StaffRole.Technician,
        commitmentOf('t'),
        encryptionKeyOf(newcomer),
        false,
      ])
      assert.deepEqual(
        await member(newcomer),
        staffWord(MemberStatus.Active, StaffRole.Technician, INSTITUTION_B, commitmentOf('t')),
      )
      await f.send(newcomer, 'anchorRecord', patient.address, ...cidArgs('t'))
    })

    const notAdmins: [AccountName, bigint][] = [
      ['physicianA', INSTITUTION_A],
      ['pendingA', INSTITUTION_A],
      ['suspendedA', INSTITUTION_A],
      ['governor', 0n],
      ['patient', 0n],
      ['outsider', 0n],
    ]
    for (const [caller, institution] of notAdmins) {
      test(`${caller} is no active administrator: NotInstitutionAdmin(caller, ${institution})`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(
            account,
            'registerStaffDirect',
            f.accounts.newcomer.address,
            StaffRole.Nurse,
            commitmentOf('n'),
            encryptionKeyOf(f.accounts.newcomer),
          ),
          'NotInstitutionAdmin',
          [account.address, institution],
        )
      })
    }

    test('the zero address is refused: InvalidAccount', async () => {
      await f.expectRevert(
        f.send(
          f.accounts.adminA,
          'registerStaffDirect',
          ZeroAddress,
          StaffRole.Nurse,
          commitmentOf('z'),
          encryptionKeyOf(f.accounts.newcomer),
        ),
        'InvalidAccount',
        [ZeroAddress],
      )
    })

    for (const target of ['physicianB', 'pendingA', 'patient2'] as const) {
      test(`${target} is already registered: AlreadyRegistered`, async () => {
        const account = f.accounts[target]
        await f.expectRevert(
          f.send(
            f.accounts.adminA,
            'registerStaffDirect',
            account.address,
            StaffRole.Nurse,
            commitmentOf('x'),
            encryptionKeyOf(account),
          ),
          'AlreadyRegistered',
          [account.address],
        )
      })
    }

    test('role, commitment and key are checked as in registerStaff', async () => {
      const { adminA, newcomer } = f.accounts
      const key = encryptionKeyOf(newcomer)
      await f.expectRevert(
        f.send(adminA, 'registerStaffDirect', newcomer.address, 7, commitmentOf('n'), key),
        'InvalidRole',
        [7],
      )
      await f.expectRevert(
        f.send(
          adminA,
          'registerStaffDirect',
          newcomer.address,
          StaffRole.Nurse,
          '0x' + '00'.repeat(20),
          key,
        ),
        'EmptyCommitment',
      )
      await f.expectRevert(
        f.send(
          adminA,
          'registerStaffDirect',
          newcomer.address,
          StaffRole.Nurse,
          commitmentOf('n'),
          key.slice(0, -2),
        ),
        'InvalidEncryptionKey',
      )
    })
  })

  describe('suspendStaff', () => {
    test('suspends active staff, who can no longer act', async () => {
      const { adminA, physicianA, patient } = f.accounts
      const receipt = await f.send(adminA, 'suspendStaff', physicianA.address)
      f.expectEvent(receipt, 'StaffSuspended', [physicianA.address, adminA.address])
      assert.deepEqual((await member(physicianA)).slice(0, 2), [
        BigInt(MemberKind.Staff),
        BigInt(MemberStatus.Suspended),
      ])
      await f.expectRevert(
        f.send(physicianA, 'anchorRecord', patient.address, ...cidArgs('s')),
        'NotActiveStaff',
        [physicianA.address],
      )
    })

    test('an administrator may suspend another administrator of the institution', async () => {
      const { adminA } = f.accounts
      const admin2 = await registerAdminA2()
      f.expectEvent(await f.send(admin2, 'suspendStaff', adminA.address), 'StaffSuspended', [
        adminA.address,
        admin2.address,
      ])
    })

    test('an administrator cannot suspend themselves: CannotSuspendSelf', async () => {
      const { adminA } = f.accounts
      await f.expectRevert(f.send(adminA, 'suspendStaff', adminA.address), 'CannotSuspendSelf', [
        adminA.address,
      ])
    })

    for (const caller of ['adminB', 'nurseA', 'patient', 'outsider'] as const) {
      test(`${caller} is no administrator of institution A: NotInstitutionAdmin`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'suspendStaff', f.accounts.physicianA.address),
          'NotInstitutionAdmin',
          [account.address, INSTITUTION_A],
        )
      })
    }

    for (const target of ['suspendedA', 'pendingA', 'patient', 'outsider'] as const) {
      test(`${target} is not active staff: NotActiveStaff`, async () => {
        const account = f.accounts[target]
        await f.expectRevert(
          f.send(f.accounts.adminA, 'suspendStaff', account.address),
          'NotActiveStaff',
          [account.address],
        )
      })
    }
  })

  describe('reinstateStaff', () => {
    test('makes suspended staff active again', async () => {
      const { adminA, suspendedA, patient } = f.accounts
      const receipt = await f.send(adminA, 'reinstateStaff', suspendedA.address)
      f.expectEvent(receipt, 'StaffReinstated', [suspendedA.address, adminA.address])
      assert.deepEqual((await member(suspendedA)).slice(0, 2), [
        BigInt(MemberKind.Staff),
        BigInt(MemberStatus.Active),
      ])
      await f.send(suspendedA, 'anchorRecord', patient.address, ...cidArgs('r'))
    })

    for (const caller of ['adminB', 'physicianA', 'suspendedA', 'outsider'] as const) {
      test(`${caller} is no administrator of institution A: NotInstitutionAdmin`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'reinstateStaff', f.accounts.suspendedA.address),
          'NotInstitutionAdmin',
          [account.address, INSTITUTION_A],
        )
      })
    }

    for (const target of ['physicianA', 'pendingA', 'patient', 'outsider'] as const) {
      test(`${target} is not suspended: NotSuspended`, async () => {
        const account = f.accounts[target]
        await f.expectRevert(
          f.send(f.accounts.adminA, 'reinstateStaff', account.address),
          'NotSuspended',
          [account.address],
        )
      })
    }
  })
})

import assert from 'node:assert/strict'
import { after, afterEach, before, describe, test } from 'node:test'
import { ZeroAddress, ZeroHash, concat, type Wallet } from 'ethers'
import {
  compactSignature,
  signRecordRestriction,
  type RecordRestriction,
} from '../../electron/node/chain/eip712.ts'
import { AccessStatus, StaffRole } from '../../electron/node/chain/registry-artifact.ts'
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

describe('records', () => {
  let f: Fixture
  before(async () => {
    f = await createFixture()
  })
  afterEach(() => f.restore())
  after(() => f.stop())

  const staticCall = (signer: Wallet, method: string, ...args: unknown[]) =>
    (f.registry.connect(signer) as typeof f.registry).getFunction(method).staticCall(...args)

  /** `newcomer`, registered by adminA as an active Auditor of institution A. */
  async function auditorOfA(): Promise<Wallet> {
    const { adminA, newcomer } = f.accounts
    await f.send(
      adminA,
      'registerStaffDirect',
      newcomer.address,
      StaffRole.Auditor,
      commitmentOf('auditor'),
      encryptionKeyOf(newcomer),
    )
    return newcomer
  }

  describe('auditors', () => {
    test('register as staff of role 6 and may be granted access to read', async () => {
      const { physicianA, patient } = f.accounts
      const auditor = await auditorOfA()
      const [kind, status, role] = await f.view('memberOf', auditor.address)
      assert.deepEqual([kind, status, role], [1n, 2n, BigInt(StaffRole.Auditor)])
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.send(patient, 'grantAccess', auditor.address, 0n, textCidOf('bundle'))
      const [access] = await f.view('accessStatus', auditor.address, 1n)
      assert.equal(Number(access), AccessStatus.Allowed)
    })

    test('never anchor a record: RoleCannotAnchor(account, Auditor)', async () => {
      const auditor = await auditorOfA()
      await f.expectRevert(
        f.send(auditor, 'anchorRecord', f.accounts.patient.address, ...cidArgs('a1')),
        'RoleCannotAnchor',
        [auditor.address, StaffRole.Auditor],
      )
    })

    test('never anchor a version, even with access: RoleCannotAnchor(account, Auditor)', async () => {
      const { physicianA, patient } = f.accounts
      const auditor = await auditorOfA()
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.send(patient, 'grantAccess', auditor.address, 0n, textCidOf('bundle'))
      await f.expectRevert(
        f.send(auditor, 'anchorVersion', 1n, ...cidArgs('a2')),
        'RoleCannotAnchor',
        [auditor.address, StaffRole.Auditor],
      )
    })
  })

  describe('anchorRecord', () => {
    test('creates record 1 at version 1; the uploader institution is its custodian', async () => {
      const { physicianA, patient } = f.accounts
      assert.equal(
        await staticCall(physicianA, 'anchorRecord', patient.address, ...cidArgs('scan')),
        1n,
      )
      const receipt = await f.send(physicianA, 'anchorRecord', patient.address, ...cidArgs('scan'))
      f.expectEvent(receipt, 'RecordAnchored', [
        1n,
        patient.address,
        physicianA.address,
        1,
        ...cidArgs('scan'),
      ])
      assert.deepEqual(await f.view('getRecord', 1n), [patient.address, INSTITUTION_A, 1n, false])
      assert.deepEqual(await f.view('lookupCid', cidOf('scan')), [
        1n,
        1n,
        physicianA.address,
        patient.address,
      ])
    })

    test('record ids are sequential across staff, institutions and patients', async () => {
      const { physicianA, physicianB, patient, patient2 } = f.accounts
      assert.equal(await f.anchor(physicianA, patient, cidOf('a')), 1n)
      assert.equal(await f.anchor(physicianB, patient2, cidOf('b')), 2n)
      assert.equal(await f.anchor(physicianA, patient2, cidOf('c')), 3n)
      assert.deepEqual(await f.view('getRecord', 2n), [patient2.address, 2n, 1n, false])
    })

    for (const caller of ['pendingA', 'suspendedA', 'patient', 'outsider', 'governor'] as const) {
      test(`${caller} may not anchor: NotActiveStaff`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'anchorRecord', f.accounts.patient.address, ...cidArgs('x')),
          'NotActiveStaff',
          [account.address],
        )
      })
    }

    for (const target of ['outsider', 'nurseA', 'pendingA'] as const) {
      test(`${target} is no registered patient: NotRegisteredPatient`, async () => {
        const account = f.accounts[target]
        await f.expectRevert(
          f.send(f.accounts.physicianA, 'anchorRecord', account.address, ...cidArgs('x')),
          'NotRegisteredPatient',
          [account.address],
        )
      })
    }

    test('any CIDv1 with one-byte codes and a 32-byte digest is anchored as its bytes', async () => {
      const { physicianA, patient } = f.accounts
      const [, digest] = cidArgs('x')
      const dagPbBlake3: [string, string] = ['0x01701e20', digest]
      const receipt = await f.send(physicianA, 'anchorRecord', patient.address, ...dagPbBlake3)
      f.expectEvent(receipt, 'RecordAnchored', [
        1n,
        patient.address,
        physicianA.address,
        1,
        ...dagPbBlake3,
      ])
      assert.deepEqual((await f.view('lookupCid', concat(dagPbBlake3))).slice(0, 2), [1n, 1n])
      assert.deepEqual((await f.view('lookupCid', cidOf('x'))).slice(0, 2), [0n, 0n])
    })

    for (const [prefix, what] of [
      ['0x00000000', 'nothing'],
      ['0x00551220', 'version 0'],
      ['0x02551220', 'version 2'],
      ['0x01551214', 'a 20-byte digest'],
      ['0x01a90212', 'a two-byte codec (dag-json)'],
      ['0x0155b220', 'a two-byte hash function code'],
    ] as const) {
      test(`a CID prefix of ${what}: InvalidCid(prefix)`, async () => {
        const [, digest] = cidArgs('x')
        await f.expectRevert(
          f.send(f.accounts.physicianA, 'anchorRecord', f.accounts.patient.address, prefix, digest),
          'InvalidCid',
          [prefix],
        )
      })
    }

    test('a CID anchored before, by anyone, as any version: CidAlreadyAnchored(record, version)', async () => {
      const { physicianA, physicianB, patient, patient2 } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.send(physicianA, 'anchorVersion', 1n, ...cidArgs('v2'))
      await f.expectRevert(
        f.send(physicianB, 'anchorRecord', patient2.address, ...cidArgs('v1')),
        'CidAlreadyAnchored',
        [1n, 1n],
      )
      await f.expectRevert(
        f.send(physicianA, 'anchorRecord', patient.address, ...cidArgs('v2')),
        'CidAlreadyAnchored',
        [1n, 2n],
      )
    })
  })

  describe('anchorVersion', () => {
    test('links new versions to the record; every version stays resolvable', async () => {
      const { physicianA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      assert.equal(await staticCall(physicianA, 'anchorVersion', 1n, ...cidArgs('v2')), 2n)
      const receipt = await f.send(physicianA, 'anchorVersion', 1n, ...cidArgs('v2'))
      f.expectEvent(receipt, 'RecordAnchored', [
        1n,
        patient.address,
        physicianA.address,
        2,
        ...cidArgs('v2'),
      ])
      await f.send(physicianA, 'anchorVersion', 1n, ...cidArgs('v3'))
      assert.deepEqual(await f.view('getRecord', 1n), [patient.address, INSTITUTION_A, 3n, false])
      for (const [version, label] of [
        [1n, 'v1'],
        [2n, 'v2'],
        [3n, 'v3'],
      ] as const) {
        assert.deepEqual(await f.view('lookupCid', cidOf(label)), [
          1n,
          version,
          physicianA.address,
          patient.address,
        ])
      }
    })

    test('a grantee of another institution may add a version; the custodian stays', async () => {
      const { physicianA, physicianB, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.send(patient, 'grantAccess', physicianB.address, 0n, textCidOf('bundle'))
      f.expectEvent(
        await f.send(physicianB, 'anchorVersion', 1n, ...cidArgs('b2')),
        'RecordAnchored',
        [1n, patient.address, physicianB.address, 2, ...cidArgs('b2')],
      )
      assert.deepEqual(await f.view('getRecord', 1n), [patient.address, INSTITUTION_A, 2n, false])
      assert.deepEqual(await f.view('lookupCid', cidOf('b2')), [
        1n,
        2n,
        physicianB.address,
        patient.address,
      ])
    })

    test('custodian staff with an emergency may add a version', async () => {
      const { physicianA, nurseA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.send(nurseA, 'emergencyAccess', patient.address, 1)
      await f.send(nurseA, 'anchorVersion', 1n, ...cidArgs('n2'))
      assert.deepEqual(await f.view('lookupCid', cidOf('n2')), [
        1n,
        2n,
        nurseA.address,
        patient.address,
      ])
    })

    test('staff who may not read the record may not write it: AccessDenied(reader, record, status)', async () => {
      const { physicianA, physicianB, nurseA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.expectRevert(f.send(nurseA, 'anchorVersion', 1n, ...cidArgs('n2')), 'AccessDenied', [
        nurseA.address,
        1n,
        AccessStatus.NeverGranted,
      ])
      await f.send(patient, 'grantAccess', physicianB.address, 0n, textCidOf('bundle'))
      await f.send(patient, 'setRecordRestricted', 1n, true)
      await f.expectRevert(
        f.send(physicianB, 'anchorVersion', 1n, ...cidArgs('b2')),
        'AccessDenied',
        [physicianB.address, 1n, AccessStatus.Restricted],
      )
    })

    test("the record's patient re-keys their own record as a new version, even restricted", async () => {
      const { physicianA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.send(patient, 'setRecordRestricted', 1n, true)
      assert.equal(await staticCall(patient, 'anchorVersion', 1n, ...cidArgs('p2')), 2n)
      f.expectEvent(
        await f.send(patient, 'anchorVersion', 1n, ...cidArgs('p2')),
        'RecordAnchored',
        [1n, patient.address, patient.address, 2, ...cidArgs('p2')],
      )
      assert.deepEqual(await f.view('getRecord', 1n), [patient.address, INSTITUTION_A, 2n, true])
      assert.deepEqual(await f.view('lookupCid', cidOf('p2')), [
        1n,
        2n,
        patient.address,
        patient.address,
      ])
    })

    test('another patient, even a grantee, may not: NotRecordPatient', async () => {
      const { physicianA, patient, patient2 } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.send(patient, 'grantAccess', patient2.address, 0n, textCidOf('bundle'))
      await f.expectRevert(
        f.send(patient2, 'anchorVersion', 1n, ...cidArgs('x')),
        'NotRecordPatient',
        [patient2.address, 1n],
      )
    })

    for (const caller of ['pendingA', 'suspendedA', 'outsider'] as const) {
      test(`${caller} may not anchor versions: NotActiveStaff`, async () => {
        const account = f.accounts[caller]
        await f.anchor(f.accounts.physicianA, f.accounts.patient, cidOf('v1'))
        await f.expectRevert(
          f.send(account, 'anchorVersion', 1n, ...cidArgs('x')),
          'NotActiveStaff',
          [account.address],
        )
      })
    }

    test('an unknown record: UnknownRecord', async () => {
      await f.expectRevert(
        f.send(f.accounts.physicianA, 'anchorVersion', 7n, ...cidArgs('x')),
        'UnknownRecord',
        [7n],
      )
    })

    test('an invalid or already anchored CID: InvalidCid, CidAlreadyAnchored', async () => {
      const { physicianA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.expectRevert(
        f.send(physicianA, 'anchorVersion', 1n, '0x00000000', ZeroHash),
        'InvalidCid',
        ['0x00000000'],
      )
      await f.expectRevert(
        f.send(physicianA, 'anchorVersion', 1n, ...cidArgs('v1')),
        'CidAlreadyAnchored',
        [1n, 1n],
      )
    })
  })

  describe('markEnteredInError', () => {
    const WRONG_PATIENT = 1
    const DUPLICATE = 3

    test('custodian staff mark one version, with a reason code; the view and the event say so', async () => {
      const { physicianA, nurseA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.send(physicianA, 'anchorVersion', 1n, ...cidArgs('v2'))
      f.expectEvent(
        await f.send(nurseA, 'markEnteredInError', 1n, 2, WRONG_PATIENT),
        'RecordEnteredInError',
        [1n, 2n, nurseA.address, WRONG_PATIENT],
      )
      assert.deepEqual(await f.view('enteredInError', 1n, 2), [BigInt(WRONG_PATIENT)])
      assert.deepEqual(await f.view('enteredInError', 1n, 1), [0n])
      assert.deepEqual(await f.view('getRecord', 1n), [patient.address, INSTITUTION_A, 2n, false])
    })

    for (const reason of [1, 2, 3, 4]) {
      test(`reason ${reason} is accepted`, async () => {
        await f.anchor(f.accounts.physicianA, f.accounts.patient, cidOf('v1'))
        await f.send(f.accounts.physicianA, 'markEnteredInError', 1n, 1, reason)
        assert.deepEqual(await f.view('enteredInError', 1n, 1), [BigInt(reason)])
      })
    }

    for (const reason of [0, 5, 255]) {
      test(`reason ${reason}: InvalidErrorReason`, async () => {
        await f.anchor(f.accounts.physicianA, f.accounts.patient, cidOf('v1'))
        await f.expectRevert(
          f.send(f.accounts.physicianA, 'markEnteredInError', 1n, 1, reason),
          'InvalidErrorReason',
          [reason],
        )
      })
    }

    test('marking a version twice: AlreadyEnteredInError, whoever marks it', async () => {
      const { physicianA, nurseA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.send(physicianA, 'markEnteredInError', 1n, 1, DUPLICATE)
      await f.expectRevert(
        f.send(nurseA, 'markEnteredInError', 1n, 1, WRONG_PATIENT),
        'AlreadyEnteredInError',
        [1n, 1n],
      )
    })

    for (const version of [0, 2, 2 ** 32 - 1]) {
      test(`version ${version} of a one-version record: UnknownVersion`, async () => {
        await f.anchor(f.accounts.physicianA, f.accounts.patient, cidOf('v1'))
        await f.expectRevert(
          f.send(f.accounts.physicianA, 'markEnteredInError', 1n, version, DUPLICATE),
          'UnknownVersion',
          [1n, version],
        )
      })
    }

    test('an unknown record: UnknownRecord', async () => {
      await f.expectRevert(
        f.send(f.accounts.physicianA, 'markEnteredInError', 4n, 1, DUPLICATE),
        'UnknownRecord',
        [4n],
      )
    })

    for (const caller of ['physicianB', 'pendingA', 'suspendedA', 'patient', 'outsider'] as const) {
      test(`${caller} is no active staff of the custodian: NotCustodianStaff`, async () => {
        const { physicianA, patient, physicianB } = f.accounts
        await f.anchor(physicianA, patient, cidOf('v1'))
        await f.send(patient, 'grantAccess', physicianB.address, 0n, textCidOf('bundle'))
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'markEnteredInError', 1n, 1, DUPLICATE),
          'NotCustodianStaff',
          [account.address, 1n, INSTITUTION_A],
        )
      })
    }
  })

  describe('lookupCid and getRecord', () => {
    test('an unknown CID resolves to zeros', async () => {
      assert.deepEqual(await f.view('lookupCid', cidOf('nothing')), [
        0n,
        0n,
        ZeroAddress,
        ZeroAddress,
      ])
    })

    test('an unknown record: UnknownRecord', async () => {
      await f.expectRevert(f.view('getRecord', 0n), 'UnknownRecord', [0n])
      await f.expectRevert(f.view('getRecord', 42n), 'UnknownRecord', [42n])
    })
  })

  describe('setRecordRestricted', () => {
    test('the patient restricts and releases a record', async () => {
      const { physicianA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      f.expectEvent(
        await f.send(patient, 'setRecordRestricted', 1n, true),
        'RecordRestrictionChanged',
        [1n, patient.address, true],
      )
      assert.deepEqual(await f.view('getRecord', 1n), [patient.address, INSTITUTION_A, 1n, true])
      f.expectEvent(
        await f.send(patient, 'setRecordRestricted', 1n, false),
        'RecordRestrictionChanged',
        [1n, patient.address, false],
      )
      assert.deepEqual(await f.view('getRecord', 1n), [patient.address, INSTITUTION_A, 1n, false])
    })

    test('versions keep the restriction flag', async () => {
      const { physicianA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      await f.send(patient, 'setRecordRestricted', 1n, true)
      await f.send(physicianA, 'anchorVersion', 1n, ...cidArgs('v2'))
      assert.deepEqual(await f.view('getRecord', 1n), [patient.address, INSTITUTION_A, 2n, true])
    })

    test("another patient is not the record's patient: NotRecordPatient", async () => {
      const { patient2 } = f.accounts
      await f.anchor(f.accounts.physicianA, f.accounts.patient, cidOf('v1'))
      await f.expectRevert(f.send(patient2, 'setRecordRestricted', 1n, true), 'NotRecordPatient', [
        patient2.address,
        1n,
      ])
    })

    for (const caller of ['physicianA', 'adminA', 'outsider'] as const) {
      test(`${caller} is no patient: NotRegisteredPatient`, async () => {
        const account = f.accounts[caller]
        await f.anchor(f.accounts.physicianA, f.accounts.patient, cidOf('v1'))
        await f.expectRevert(
          f.send(account, 'setRecordRestricted', 1n, true),
          'NotRegisteredPatient',
          [account.address],
        )
      })
    }

    test('an unknown record: UnknownRecord', async () => {
      await f.expectRevert(
        f.send(f.accounts.patient, 'setRecordRestricted', 3n, true),
        'UnknownRecord',
        [3n],
      )
    })
  })

  describe('setRecordRestrictedBySig', () => {
    async function restriction(
      overrides: Partial<RecordRestriction> = {},
    ): Promise<RecordRestriction> {
      const { patient } = f.accounts
      const [nonce] = (await f.view('nonces', patient.address)) as [bigint]
      return {
        patient: patient.address,
        recordId: 1n,
        restricted: true,
        nonce,
        deadline: (await f.now()) + 3600n,
        ...overrides,
      }
    }

    function relay(fields: RecordRestriction, signature: string) {
      const { r, vs } = compactSignature(signature)
      return f.send(
        f.accounts.outsider,
        'setRecordRestrictedBySig',
        fields.patient,
        fields.recordId,
        fields.restricted,
        fields.deadline,
        r,
        vs,
      )
    }

    const sign = (wallet: Wallet, fields: RecordRestriction) =>
      signRecordRestriction(wallet, f.address, CHAIN_ID, fields)

    test("anyone relays the patient's signed restriction; the nonce is used up", async () => {
      const { physicianA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      const fields = await restriction()
      const receipt = await relay(fields, await sign(patient, fields))
      f.expectEvent(receipt, 'RecordRestrictionChanged', [1n, patient.address, true])
      assert.deepEqual(await f.view('getRecord', 1n), [patient.address, INSTITUTION_A, 1n, true])
      assert.deepEqual(await f.view('nonces', patient.address), [1n])
    })

    test('replaying the signature: InvalidSignature (the nonce is used up)', async () => {
      const { physicianA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      const fields = await restriction()
      const signature = await sign(patient, fields)
      await relay(fields, signature)
      await f.send(patient, 'setRecordRestricted', 1n, false)
      await f.expectRevert(relay(fields, signature), 'InvalidSignature')
    })

    test('a signature by another key: InvalidSignature', async () => {
      const { physicianA, patient, patient2 } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      const fields = await restriction()
      await f.expectRevert(relay(fields, await sign(patient2, fields)), 'InvalidSignature')
    })

    test('an expired deadline: SignatureExpired', async () => {
      const { physicianA, patient } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      const fields = await restriction()
      const signature = await sign(patient, fields)
      await f.increaseTime(3601n)
      await f.expectRevert(relay(fields, signature), 'SignatureExpired', [fields.deadline])
    })

    test("another patient's signature on the record: NotRecordPatient", async () => {
      const { physicianA, patient, patient2 } = f.accounts
      await f.anchor(physicianA, patient, cidOf('v1'))
      const fields = await restriction({ patient: patient2.address })
      await f.expectRevert(relay(fields, await sign(patient2, fields)), 'NotRecordPatient', [
        patient2.address,
        1n,
      ])
    })

    test('an unknown record: UnknownRecord', async () => {
      const fields = await restriction({ recordId: 5n })
      await f.expectRevert(relay(fields, await sign(f.accounts.patient, fields)), 'UnknownRecord', [
        5n,
      ])
    })
  })
})

import assert from 'node:assert/strict'
import { after, afterEach, before, describe, test } from 'node:test'
import { Signature, Wallet, concat, id, toBeHex } from 'ethers'
import {
  signPatientRegistration,
  type PatientRegistration,
} from '../../electron/node/chain/eip712.ts'
import { MemberKind, MemberStatus } from '../../electron/node/chain/registry-artifact.ts'
import { CHAIN_ID, commitmentOf, createFixture, encryptionKeyOf, type Fixture } from './fixture.ts'

/** secp256k1 group order. */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

describe('patients', () => {
  let f: Fixture
  before(async () => {
    f = await createFixture()
  })
  afterEach(() => f.restore())
  after(() => f.stop())

  describe('registerPatient', () => {
    test('registers the caller as a patient, the caller being the relayer', async () => {
      const { newcomer } = f.accounts
      const receipt = await f.send(
        newcomer,
        'registerPatient',
        commitmentOf('n'),
        encryptionKeyOf(newcomer),
      )
      f.expectEvent(receipt, 'PatientRegistered', [
        newcomer.address,
        commitmentOf('n'),
        encryptionKeyOf(newcomer),
        newcomer.address,
      ])
      assert.deepEqual(await f.view('memberOf', newcomer.address), [
        BigInt(MemberKind.Patient),
        BigInt(MemberStatus.Active),
        0n,
        0n,
        commitmentOf('n'),
      ])
      assert.deepEqual(await f.view('nonces', newcomer.address), [0n])
    })

    for (const caller of ['patient', 'physicianA', 'pendingA', 'suspendedA', 'adminA'] as const) {
      test(`${caller} is already registered (staff are never patients): AlreadyRegistered`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'registerPatient', commitmentOf('x'), encryptionKeyOf(account)),
          'AlreadyRegistered',
          [account.address],
        )
      })
    }

    test('a patient cannot become staff: AlreadyRegistered', async () => {
      const { patient } = f.accounts
      await f.expectRevert(
        f.send(patient, 'registerStaff', 1n, 1, commitmentOf('x'), encryptionKeyOf(patient)),
        'AlreadyRegistered',
        [patient.address],
      )
    })

    test('a zero commitment or a malformed key is refused', async () => {
      const { newcomer } = f.accounts
      await f.expectRevert(
        f.send(newcomer, 'registerPatient', '0x' + '00'.repeat(20), encryptionKeyOf(newcomer)),
        'EmptyCommitment',
      )
      await f.expectRevert(
        f.send(newcomer, 'registerPatient', commitmentOf('n'), newcomer.signingKey.publicKey),
        'InvalidEncryptionKey',
      )
    })
  })

  describe('registerPatientBySig', () => {
    /** A patient without any funds, created at the registration desk. */
    const desk = new Wallet(id('patient at the desk'))

    async function registration(overrides: Partial<PatientRegistration> = {}) {
      const fields: PatientRegistration = {
        patient: desk.address,
        commitment: commitmentOf('desk'),
        encryptionPublicKey: desk.signingKey.compressedPublicKey,
        deadline: (await f.now()) + 3600n,
        ...overrides,
      }
      return fields
    }

    async function relay(relayer: Wallet, fields: PatientRegistration, signature: string) {
      return f.send(
        relayer,
        'registerPatientBySig',
        fields.patient,
        fields.commitment,
        fields.encryptionPublicKey,
        fields.deadline,
        signature,
      )
    }

    const sign = (wallet: Wallet, fields: PatientRegistration, verifyingContract = f.address) =>
      signPatientRegistration(wallet, verifyingContract, CHAIN_ID, fields)

    test('active staff relay the patient-signed registration; the patient pays nothing', async () => {
      const { nurseA } = f.accounts
      const fields = await registration()
      const receipt = await relay(nurseA, fields, await sign(desk, fields))
      f.expectEvent(receipt, 'PatientRegistered', [
        desk.address,
        commitmentOf('desk'),
        desk.signingKey.compressedPublicKey,
        nurseA.address,
      ])
      assert.deepEqual((await f.view('memberOf', desk.address)).slice(0, 2), [
        BigInt(MemberKind.Patient),
        BigInt(MemberStatus.Active),
      ])
      assert.equal(await f.provider.getBalance(desk.address), 0n)
    })

    for (const relayer of ['pendingA', 'suspendedA', 'patient', 'outsider'] as const) {
      test(`${relayer} may not relay: NotActiveStaff`, async () => {
        const account = f.accounts[relayer]
        const fields = await registration()
        await f.expectRevert(relay(account, fields, await sign(desk, fields)), 'NotActiveStaff', [
          account.address,
        ])
      })
    }

    test('an expired deadline: SignatureExpired', async () => {
      const fields = await registration()
      const signature = await sign(desk, fields)
      await f.increaseTime(3601n)
      await f.expectRevert(relay(f.accounts.nurseA, fields, signature), 'SignatureExpired', [
        fields.deadline,
      ])
    })

    test('a signature by another key: InvalidSignature', async () => {
      const fields = await registration()
      await f.expectRevert(
        relay(f.accounts.nurseA, fields, await sign(f.accounts.patient2, fields)),
        'InvalidSignature',
      )
    })

    test('fields other than the signed ones: InvalidSignature', async () => {
      const fields = await registration()
      const signature = await sign(desk, fields)
      const { nurseA, outsider } = f.accounts
      await f.expectRevert(
        relay(nurseA, { ...fields, commitment: commitmentOf('forged') }, signature),
        'InvalidSignature',
      )
      await f.expectRevert(
        relay(nurseA, { ...fields, encryptionPublicKey: encryptionKeyOf(outsider) }, signature),
        'InvalidSignature',
      )
      await f.expectRevert(
        relay(nurseA, { ...fields, deadline: BigInt(fields.deadline) + 1n }, signature),
        'InvalidSignature',
      )
    })

    test('a signature for another registry: InvalidSignature', async () => {
      const fields = await registration()
      const signature = await sign(desk, fields, f.accounts.outsider.address)
      await f.expectRevert(relay(f.accounts.nurseA, fields, signature), 'InvalidSignature')
    })

    test('the high-s twin of a valid signature: InvalidSignature', async () => {
      const fields = await registration()
      const { r, s, v } = Signature.from(await sign(desk, fields))
      const twin = concat([r, toBeHex(N - BigInt(s), 32), v === 27 ? '0x1c' : '0x1b'])
      await f.expectRevert(relay(f.accounts.nurseA, fields, twin), 'InvalidSignature')
    })

    test('a signature of the wrong length or with a bad v: InvalidSignature', async () => {
      const fields = await registration()
      const signature = await sign(desk, fields)
      const { nurseA } = f.accounts
      await f.expectRevert(
        relay(nurseA, fields, Signature.from(signature).compactSerialized),
        'InvalidSignature',
      )
      await f.expectRevert(relay(nurseA, fields, signature.slice(0, -2) + '1d'), 'InvalidSignature')
    })

    test('replaying the signature: AlreadyRegistered', async () => {
      const fields = await registration()
      const signature = await sign(desk, fields)
      await relay(f.accounts.nurseA, fields, signature)
      await f.expectRevert(relay(f.accounts.physicianB, fields, signature), 'AlreadyRegistered', [
        desk.address,
      ])
    })

    test('a staff account cannot be registered as patient: AlreadyRegistered', async () => {
      const { nurseA, physicianB } = f.accounts
      const fields = await registration({
        patient: physicianB.address,
        encryptionPublicKey: encryptionKeyOf(physicianB),
      })
      await f.expectRevert(
        relay(nurseA, fields, await sign(physicianB, fields)),
        'AlreadyRegistered',
        [physicianB.address],
      )
    })

    test('commitment and key are checked: EmptyCommitment, InvalidEncryptionKey', async () => {
      const { nurseA } = f.accounts
      const noCommitment = await registration({ commitment: '0x' + '00'.repeat(20) })
      await f.expectRevert(
        relay(nurseA, noCommitment, await sign(desk, noCommitment)),
        'EmptyCommitment',
      )
      const badKey = await registration({ encryptionPublicKey: desk.signingKey.publicKey })
      await f.expectRevert(relay(nurseA, badKey, await sign(desk, badKey)), 'InvalidEncryptionKey')
    })
  })
})

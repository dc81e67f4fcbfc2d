import assert from 'node:assert/strict'
import { after, afterEach, before, describe, test } from 'node:test'
import {
  Signature,
  Wallet,
  ZeroHash,
  concat,
  dataSlice,
  id,
  toBeHex,
  type TransactionReceipt,
} from 'ethers'
import {
  compactSignature,
  signPatientRegistration,
  type PatientRegistration,
} from '../../electron/node/chain/eip712.ts'
import {
  MemberKind,
  MemberStatus,
  splitEncryptionKey,
} from '../../electron/node/chain/registry-artifact.ts'
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
        commitment: commitmentOf('desk'),
        encryptionPublicKey: desk.signingKey.compressedPublicKey,
        deadline: (await f.now()) + 3600n,
        ...overrides,
      }
      return fields
    }

    /** Relays `fields` with (r, vs) from `signature`, or `signature` as (r, vs) itself. */
    async function relay(
      relayer: Wallet,
      fields: PatientRegistration,
      signature: string | { r: string; vs: string },
    ) {
      const [keyPrefix, keyX] = splitEncryptionKey(fields.encryptionPublicKey)
      const { r, vs } = typeof signature === 'string' ? compactSignature(signature) : signature
      return f.send(
        relayer,
        'registerPatientBySig',
        fields.commitment,
        keyPrefix,
        keyX,
        fields.deadline,
        r,
        vs,
      )
    }

    const sign = (wallet: Wallet, fields: PatientRegistration, verifyingContract = f.address) =>
      signPatientRegistration(wallet, verifyingContract, CHAIN_ID, fields)

    /** The patient of the receipt's PatientRegistered event. */
    function registeredPatient(receipt: TransactionReceipt): string {
      const event = receipt.logs.map((log) => f.registry.interface.parseLog(log)).find(Boolean)
      assert.equal(event?.name, 'PatientRegistered')
      return event.args[0] as string
    }

    test('active staff relay the registration; its signer, the patient, pays nothing', async () => {
      const { nurseA } = f.accounts
      const fields = await registration()
      const receipt = await relay(nurseA, fields, await sign(desk, fields))
      f.expectEvent(receipt, 'PatientRegistered', [
        desk.address,
        commitmentOf('desk'),
        desk.signingKey.compressedPublicKey,
        nurseA.address,
      ])
      assert.deepEqual(await f.view('memberOf', desk.address), [
        BigInt(MemberKind.Patient),
        BigInt(MemberStatus.Active),
        0n,
        0n,
        commitmentOf('desk'),
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

    test('the signer is who gets registered: a signature by another key registers that key', async () => {
      const other = new Wallet(id('someone else at the desk'))
      const fields = await registration()
      const receipt = await relay(f.accounts.nurseA, fields, await sign(other, fields))
      assert.equal(registeredPatient(receipt), other.address)
      assert.deepEqual((await f.view('memberOf', desk.address)).slice(0, 2), [0n, 0n])
    })

    test('fields other than the signed ones, or another registry, never register the signer', async () => {
      const fields = await registration()
      const signature = await sign(desk, fields)
      const { nurseA, outsider } = f.accounts
      for (const altered of [
        { ...fields, commitment: commitmentOf('forged') },
        { ...fields, encryptionPublicKey: encryptionKeyOf(outsider) },
        { ...fields, deadline: BigInt(fields.deadline) + 1n },
      ]) {
        assert.notEqual(registeredPatient(await relay(nurseA, altered, signature)), desk.address)
      }
      const elsewhere = await sign(desk, fields, outsider.address)
      assert.notEqual(registeredPatient(await relay(nurseA, fields, elsewhere)), desk.address)
      assert.deepEqual((await f.view('memberOf', desk.address)).slice(0, 2), [0n, 0n])
    })

    test('an s in the upper half of the curve order (malleable): InvalidSignature', async () => {
      // The high-s twin of a signature, N - s, is past 2^255 (not even encodable in vs) but for
      // a sliver of values; those, like any s above N / 2, are refused.
      const fields = await registration()
      const { r, yParity } = Signature.from(await sign(desk, fields))
      for (const s of [N / 2n + 1n, (1n << 255n) - 1n]) {
        const vs = toBeHex((BigInt(yParity) << 255n) | s, 32)
        await f.expectRevert(relay(f.accounts.nurseA, fields, { r, vs }), 'InvalidSignature')
      }
    })

    test('a signature that recovers no signer: InvalidSignature', async () => {
      const fields = await registration()
      const { vs } = compactSignature(await sign(desk, fields))
      await f.expectRevert(
        relay(f.accounts.nurseA, fields, { r: ZeroHash, vs }),
        'InvalidSignature',
      )
    })

    test('replaying the signature: AlreadyRegistered', async () => {
      const fields = await registration()
      const signature = await sign(desk, fields)
      await relay(f.accounts.nurseA, fields, signature)
      await f.expectRevert(relay(f.accounts.physicianB, fields, signature), 'AlreadyRegistered', [
        desk.address,
      ])
    })

    test('a registered account cannot be registered again: AlreadyRegistered', async () => {
      const { nurseA, physicianB, patient2 } = f.accounts
      for (const account of [physicianB, patient2]) {
        const fields = await registration({ encryptionPublicKey: encryptionKeyOf(account) })
        await f.expectRevert(
          relay(nurseA, fields, await sign(account, fields)),
          'AlreadyRegistered',
          [account.address],
        )
      }
    })

    test('commitment and key are checked: EmptyCommitment, InvalidEncryptionKey', async () => {
      const { nurseA } = f.accounts
      const noCommitment = await registration({ commitment: '0x' + '00'.repeat(20) })
      await f.expectRevert(
        relay(nurseA, noCommitment, await sign(desk, noCommitment)),
        'EmptyCommitment',
      )
      const x = dataSlice(desk.signingKey.compressedPublicKey, 1)
      for (const prefix of ['0x00', '0x01', '0x04']) {
        const badKey = await registration({ encryptionPublicKey: concat([prefix, x]) })
        await f.expectRevert(
          relay(nurseA, badKey, await sign(desk, badKey)),
          'InvalidEncryptionKey',
        )
      }
    })

    test('splitEncryptionKey takes compressed keys only', () => {
      assert.throws(() => splitEncryptionKey(desk.signingKey.publicKey), /33 bytes, not 65/)
    })
  })
})

import assert from 'node:assert/strict'
import { after, afterEach, before, describe, test } from 'node:test'
import { ContractFactory, ZeroAddress } from 'ethers'
import {
  MemberKind,
  MemberStatus,
  StaffRole,
  registryAbi,
  registryBytecode,
} from '../../electron/node/chain/registry-artifact.ts'
import { commitmentOf, createFixture, encryptionKeyOf, type Fixture } from './fixture.ts'

describe('governance', () => {
  let f: Fixture
  before(async () => {
    f = await createFixture()
  })
  afterEach(() => f.restore())
  after(() => f.stop())

  describe('constructor', () => {
    test('sets the governor and announces it', async () => {
      const { governor } = f.accounts
      assert.deepEqual(await f.view('governor'), [governor.address])
      const deployment = await f.provider.getTransactionReceipt(f.deployment.deploymentTx)
      assert.ok(deployment)
      f.expectEvent(deployment, 'GovernanceTransferred', [ZeroAddress, governor.address])
    })

    test('refuses the zero address as governor', async () => {
      const factory = new ContractFactory(registryAbi, registryBytecode, f.accounts.governor)
      await f.expectRevert(factory.deploy(ZeroAddress), 'InvalidAccount', [ZeroAddress])
    })

    test('VERSION is "1"', async () => {
      assert.deepEqual(await f.view('VERSION'), ['1'])
    })
  })

  describe('addInstitution', () => {
    test('the governor adds institution 3 with its first active administrator', async () => {
      const { governor, newcomer } = f.accounts
      assert.deepEqual(await f.view('institutionCount'), [2n])
      const receipt = await f.send(governor, 'addInstitution', newcomer.address, 'Gamma Lab')
      f.expectEvent(receipt, 'InstitutionAdded', [3, newcomer.address, 'Gamma Lab'])
      assert.deepEqual(await f.view('institutionCount'), [3n])
      assert.deepEqual(await f.view('memberOf', newcomer.address), [
        BigInt(MemberKind.Staff),
        BigInt(MemberStatus.Active),
        BigInt(StaffRole.Administrator),
        3n,
        '0x' + '00'.repeat(20),
      ])
    })

    test('returns the new id', async () => {
      const { governor, newcomer } = f.accounts
      const connected = f.registry.connect(governor)
      assert.equal(
        await connected.getFunction('addInstitution').staticCall(newcomer.address, 'Gamma'),
        3n,
      )
    })

    test('the new administrator can register staff at once', async () => {
      const { governor, newcomer, outsider } = f.accounts
      await f.send(governor, 'addInstitution', newcomer.address, 'Gamma Lab')
      const receipt = await f.send(
        newcomer,
        'registerStaffDirect',
        outsider.address,
        StaffRole.Nurse,
        commitmentOf('o'),
        encryptionKeyOf(outsider),
      )
      f.expectEvent(receipt, 'StaffRegistered', [
        outsider.address,
        3,
        StaffRole.Nurse,
        commitmentOf('o'),
        encryptionKeyOf(outsider),
        false,
      ])
    })

    for (const caller of ['adminA', 'physicianA', 'patient', 'outsider'] as const) {
      test(`${caller} may not add institutions: NotGovernor`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'addInstitution', f.accounts.newcomer.address, 'Rogue'),
          'NotGovernor',
          [account.address],
        )
      })
    }

    test('refuses the zero address as administrator', async () => {
      await f.expectRevert(
        f.send(f.accounts.governor, 'addInstitution', ZeroAddress, 'Gamma'),
        'InvalidAccount',
        [ZeroAddress],
      )
    })

    for (const admin of ['adminB', 'physicianA', 'pendingA', 'suspendedA', 'patient'] as const) {
      test(`refuses ${admin}, already registered, as administrator: AlreadyRegistered`, async () => {
        const account = f.accounts[admin]
        await f.expectRevert(
          f.send(f.accounts.governor, 'addInstitution', account.address, 'Gamma'),
          'AlreadyRegistered',
          [account.address],
        )
      })
    }

    test('refuses an empty name: EmptyName', async () => {
      await f.expectRevert(
        f.send(f.accounts.governor, 'addInstitution', f.accounts.newcomer.address, ''),
        'EmptyName',
      )
    })
  })

  describe('transferGovernance', () => {
    test('hands the role over: the new governor may add, the old one may not', async () => {
      const { governor, outsider, newcomer } = f.accounts
      const receipt = await f.send(governor, 'transferGovernance', outsider.address)
      f.expectEvent(receipt, 'GovernanceTransferred', [governor.address, outsider.address])
      assert.deepEqual(await f.view('governor'), [outsider.address])
      await f.expectRevert(
        f.send(governor, 'addInstitution', newcomer.address, 'Gamma'),
        'NotGovernor',
        [governor.address],
      )
      f.expectEvent(
        await f.send(outsider, 'addInstitution', newcomer.address, 'Gamma'),
        'InstitutionAdded',
        [3, newcomer.address, 'Gamma'],
      )
    })

    for (const caller of ['adminA', 'patient', 'outsider'] as const) {
      test(`${caller} may not transfer governance: NotGovernor`, async () => {
        const account = f.accounts[caller]
        await f.expectRevert(
          f.send(account, 'transferGovernance', account.address),
          'NotGovernor',
          [account.address],
        )
      })
    }

    test('refuses the zero address: InvalidAccount', async () => {
      await f.expectRevert(
        f.send(f.accounts.governor, 'transferGovernance', ZeroAddress),
        'InvalidAccount',
        [ZeroAddress],
      )
    })
  })
})

/**
 * A staff member without funds on an external chain (Ganache served on loopback, no faucet):
 * the registration is refused with the account and its balance named, nothing is left to be
 * mined behind the user's back, the node still starts, and once funded the same person
 * registers and is mined with their identity on this node.
 */
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { getAddress, parseEther } from 'ethers'
import type {
  InstitutionAdded,
  StaffIdentityView,
  StaffRow,
  TxReceiptView,
} from '../../electron/node/identity/types.ts'
import { PASS } from '../helpers/clinic-setup.ts'
import { startTestNode } from '../helpers/node.ts'
import { startServedChain } from '../helpers/served-chain.ts'
import { tempDir } from '../helpers/temp.ts'

const nurseCard = { name: 'Chen Wei', nationalId: 'F131104093', licenceNumber: 'RN-1' }

describe('an unfunded staff registration on an external chain', async () => {
  const chain = await startServedChain()
  after(() => chain.close())
  const dataDir = await tempDir('emr-node-')
  const settings = {
    chain: {
      mode: 'external' as const,
      rpcUrl: chain.rpcUrl,
      contractAddress: chain.contractAddress,
    },
  }
  let started = await startTestNode({ dataDir, settings })
  const call = <T>(method: string, input?: unknown) => started.call<T>(method, input)

  const governor = (
    await call<{ address: string }>('accounts.importMnemonic', {
      label: 'Governor',
      mnemonic: chain.governor.mnemonic!.phrase,
      passphrase: PASS,
    })
  ).address
  const account = async (label: string) =>
    (await call<{ address: string }>('accounts.create', { label, passphrase: PASS })).address
  const admin = await account('Admin')
  const nurse = await account('Nurse')
  await call('session.signIn', { address: governor, passphrase: PASS })
  const { institution } = await call<InstitutionAdded>('institutions.add', {
    name: 'North Hospital',
    admin,
  })
  // The new admin was topped up from the governor's account (identity/funding.ts); the nurse
  // self-registers, unfunded.

  const identityRow = () =>
    started.node.db
      .prepare('SELECT name FROM staff_identities WHERE address = ?')
      .get(nurse.toLowerCase()) as { name: string } | undefined
  const outboxOf = (from: string) =>
    started.node.db
      .prepare('SELECT status FROM tx_outbox WHERE lower(from_address) = ? ORDER BY id')
      .all(from.toLowerCase())
      .map((row) => (row as { status: string }).status)
  const register = () =>
    call<TxReceiptView>('staff.register', {
      institution: institution.id,
      role: 'nurse',
      identity: nurseCard,
    })

  test('is refused with the account, what it needs and what it holds', async () => {
    await call('session.signIn', { address: nurse, passphrase: PASS })
    await assert.rejects(register(), (error: Error & { code?: string; details?: unknown }) => {
      assert.equal(error.code, 'ERR_INSUFFICIENT_FUNDS')
      assert.match(
        error.message,
        new RegExp(
          `^Account ${nurse} needs at least 0\\.\\d+ ETH for this transaction; it holds 0\\.0 ETH$`,
          'i',
        ),
      )
      assert.deepEqual(
        { ...(error.details as Record<string, string>), needed: undefined },
        { account: getAddress(nurse), holds: '0.0', needed: undefined },
      )
      return true
    })
  })

  test('leaves no identity on this node and nothing to send again', async () => {
    assert.equal(identityRow(), undefined)
    assert.deepEqual(outboxOf(nurse), ['failed'])
    await call('session.signIn', { address: admin, passphrase: PASS })
    const staff = await call<StaffRow[]>('staff.list', {})
    assert.equal(
      staff.find((row) => row.address.toLowerCase() === nurse.toLowerCase()),
      undefined,
    )
  })

  test('the node starts again without sending it; once funded, the nurse registers', async () => {
    await started.stop()
    // Funded before the restart: a re-sent registration would now be mined at start. (The node
    // restarted inside this test is stopped when this test ends.)
    await (await chain.governor.sendTransaction({ to: nurse, value: parseEther('1') })).wait()
    started = await startTestNode({ dataDir, settings })
    assert.deepEqual(outboxOf(nurse), ['failed'])
    assert.equal(await chain.governor.provider!.getTransactionCount(nurse), 0)

    await call('session.signIn', { address: nurse, passphrase: PASS })
    const receipt = await register()
    assert.equal(receipt.result, 'pending approval')
    assert.deepEqual(outboxOf(nurse), ['failed', 'mined'])
    assert.equal(identityRow()?.name, nurseCard.name)
    await call('session.signIn', { address: admin, passphrase: PASS })
    const review = await call<StaffIdentityView>('staff.identity', { account: nurse })
    // The card's data held here opens the commitment the chain holds.
    assert.deepEqual(review.identity, nurseCard)
    const row = (await call<StaffRow[]>('staff.list', { status: 'pending' })).find(
      (each) => each.address.toLowerCase() === nurse.toLowerCase(),
    )
    assert.equal(row?.name, nurseCard.name)
  })
})

/**
 * Onboarding more hospitals: the governor adds institutions and their first administrators, on
 * an external chain (Ganache served over JSON-RPC on loopback, as Besu or Geth would be) and on
 * the embedded one, through the api and the CLI.
 */
import assert from 'node:assert/strict'
import { after, describe, test } from 'node:test'
import { Wallet, formatEther, getAddress, parseEther } from 'ethers'
import type {
  InstitutionAdded,
  InstitutionView,
  SessionView,
  SetupStatus,
  StaffRow,
  TopUpView,
  TxReceiptView,
} from '../../electron/node/identity/types.ts'
import { PASS, setUpClinic, type Call } from '../helpers/clinic-setup.ts'
import { runCli } from '../helpers/cli.ts'
import { startTestNode } from '../helpers/node.ts'
import { startServedChain } from '../helpers/served-chain.ts'

async function outcome(call: Call, method: string, input?: unknown): Promise<string> {
  return call(method, input).then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  )
}

async function newAccount(call: Call, label: string): Promise<string> {
  return (await call<{ address: string }>('accounts.create', { label, passphrase: PASS })).address
}

describe('the governor onboards hospitals on an external chain', async () => {
  const chain = await startServedChain()
  after(() => chain.close())
  const started = await startTestNode({
    settings: {
      chain: { mode: 'external', rpcUrl: chain.rpcUrl, contractAddress: chain.contractAddress },
    },
  })
  const { call } = started
  // The deployer governs the registry; IT brings its key to the node as a recovery phrase.
  const governor = (
    await call<{ address: string }>('accounts.importMnemonic', {
      label: 'Governor',
      mnemonic: chain.governor.mnemonic!.phrase,
      passphrase: PASS,
    })
  ).address

  test('a new external network has no institution, and set-up does not create one', async () => {
    const status = await call<SetupStatus>('setup.status')
    assert.equal(status.chainMode, 'external')
    assert.equal(status.institutions, 0)
  })

  let north: InstitutionAdded
  const northAdmin = await newAccount(call, 'North admin')
  const southAdmin = await newAccount(call, 'South admin')
  test('the governor adds two hospitals, each with its first administrator', async () => {
    await call('session.signIn', { address: governor, passphrase: PASS })
    north = await call<InstitutionAdded>('institutions.add', {
      name: 'North Hospital',
      admin: northAdmin,
      adminIdentity: { name: 'Lin Mei', nationalId: 'A123456789', licenceNumber: 'ADM-1' },
    })
    const south = await call<InstitutionAdded>('institutions.add', {
      name: 'South Hospital',
      admin: southAdmin,
    })
    assert.deepEqual(
      [north.institution, south.institution].map(({ id, name }) => [id, name]),
      [
        [1, 'North Hospital'],
        [2, 'South Hospital'],
      ],
    )
    assert.equal(north.receipt.result, 'institution added')
    // An external chain has no faucet: each new admin was topped up from the governor's account.
    assert.deepEqual(
      { ...north.receipt.topUp, txHash: undefined },
      { to: getAddress(northAdmin), amount: '0.1', txHash: undefined },
    )
    assert.equal(await chain.governor.provider!.getBalance(southAdmin), parseEther('0.1'))
    const listed = await call<InstitutionView[]>('institutions.list')
    assert.deepEqual(
      listed.map((i) => [i.id, i.name, i.admin.toLowerCase()]),
      [
        [1, 'North Hospital', northAdmin],
        [2, 'South Hospital', southAdmin],
      ],
    )
    assert.equal((await call<SetupStatus>('setup.status')).institutions, 2)
    // The directory names the admin whose card the governor entered, and no one else's.
    const staff = await call<StaffRow[]>('staff.list', {})
    assert.equal(staff.find((s) => s.institution === 1)?.name, 'Lin Mei')
    assert.equal(staff.find((s) => s.institution === 2)?.name, null)

    // South's administrator acts for South at once.
    const session = await call<SessionView>('session.signIn', {
      address: southAdmin,
      passphrase: PASS,
    })
    assert.deepEqual([session.member.role, session.member.institution], ['administrator', 2])
  })

  test('no one else adds an institution, and an admin cannot be added twice', async () => {
    // The South admin is signed in: the api refuses before anything is signed.
    const stranger = await newAccount(call, 'Stranger')
    assert.equal(
      await outcome(call, 'institutions.add', { name: 'Rogue Clinic', admin: stranger }),
      'ERR_FORBIDDEN',
    )
    await call('session.signIn', { address: governor, passphrase: PASS })
    assert.equal(
      await outcome(call, 'institutions.add', {
        name: 'Again',
        admin: north.institution.admin,
      }),
      'ERR_ALREADY_REGISTERED',
    )
    assert.equal((await call<InstitutionView[]>('institutions.list')).length, 2)
  })

  test("an admin funds a newcomer's registration; the approval tops them up", async () => {
    const balance = (address: string) => chain.governor.provider!.getBalance(address)
    const nurse = await newAccount(call, 'Nurse')
    // The governor gives the hospital's admin more than the top-up, to fund its staff from.
    await call('session.signIn', { address: governor, passphrase: PASS })
    await call('accounts.fund', { to: southAdmin, amount: '1' })
    await call('session.signIn', { address: southAdmin, passphrase: PASS })
    const funded = await call<TopUpView>('accounts.fund', { to: nurse, amount: '0.01' })
    assert.equal(funded.amount, '0.01')
    assert.equal(await balance(nurse), parseEther('0.01'))
    await call('session.signIn', { address: nurse, passphrase: PASS })
    await call('staff.register', {
      institution: 2,
      role: 'nurse',
      identity: { name: 'Chen Wei', nationalId: 'F131104093', licenceNumber: 'RN-1' },
    })
    const paidForRegistration = await balance(nurse)
    assert.ok(paidForRegistration < parseEther('0.01'))
    await call('session.signIn', { address: southAdmin, passphrase: PASS })
    const approved = await call<TxReceiptView>('staff.approve', { account: nurse })
    assert.deepEqual(
      { ...approved.topUp, txHash: undefined },
      {
        to: getAddress(nurse),
        amount: formatEther(parseEther('0.1') - paidForRegistration),
        txHash: undefined,
      },
    )
    assert.equal(await balance(nurse), parseEther('0.1'))
  })

  test('a top-up the approver cannot pay is reported beside the registration, which stands', async () => {
    started.node.settings.update({ funding: { topUpEth: '5000' } })
    try {
      const technician = await newAccount(call, 'Technician')
      const registered = await call<TxReceiptView>('staff.registerDirect', {
        account: technician,
        role: 'technician',
        identity: { name: 'Lee Ming', nationalId: 'B123456780', licenceNumber: 'TEC-1' },
      })
      assert.equal(registered.result, 'registered')
      assert.deepEqual(
        registered.topUp && 'error' in registered.topUp && registered.topUp.error.code,
        'ERR_INSUFFICIENT_FUNDS',
      )
      const staff = await call<StaffRow[]>('staff.list', { status: 'active' })
      assert.ok(staff.some((row) => row.address.toLowerCase() === technician))
    } finally {
      started.node.settings.update({ funding: { topUpEth: '0.1' } })
    }
  })

  test('the CLI adds and lists institutions on the same data folder', async () => {
    const admin = await newAccount(call, 'East admin')
    await started.stop()
    const cli = (args: string[]) =>
      runCli([...args, '--data-dir', started.dataDir, '--json'], { EMR_PASSPHRASE: PASS })
    const added = await cli([
      'institution',
      'add',
      '--as',
      governor,
      '--name',
      'East Clinic',
      '--admin',
      admin,
    ])
    assert.equal(added.code, 0, added.stderr)
    assert.equal((JSON.parse(added.stdout) as InstitutionAdded).institution.id, 3)
    const listed = await cli(['institution', 'list'])
    assert.equal(listed.code, 0, listed.stderr)
    assert.deepEqual(
      (JSON.parse(listed.stdout) as InstitutionView[]).map((i) => i.name),
      ['North Hospital', 'South Hospital', 'East Clinic'],
    )
    const funded = await cli([
      'account',
      'fund',
      '--as',
      governor,
      '--to',
      admin,
      '--amount',
      '0.5',
    ])
    assert.equal(funded.code, 0, funded.stderr)
    assert.equal((JSON.parse(funded.stdout) as TopUpView).amount, '0.5')
    // Another account's key is refused the governor's work, with the api's code.
    const refused = await cli([
      'institution',
      'add',
      '--as',
      admin,
      '--name',
      'X',
      '--admin',
      admin,
    ])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /^error ERR_FORBIDDEN: /m)
  })
})

describe('a registry deployed for a governor on a node', async () => {
  const chain = await startServedChain()
  after(() => chain.close())
  // IT deploys with a throwaway funded key; the governor is an account a node will hold.
  const governor = Wallet.createRandom()

  test('cli deploy --governor makes that account the governor, which adds institutions', async () => {
    const refused = await runCli(['deploy', '--rpc', chain.rpcUrl, '--governor', '0x12'], {
      EMR_DEPLOYER_KEY: chain.governor.privateKey,
    })
    assert.match(refused.stderr, /^error ERR_INVALID_INPUT: --governor/m)
    const deployed = await runCli(
      ['deploy', '--rpc', chain.rpcUrl, '--governor', governor.address, '--json'],
      { EMR_DEPLOYER_KEY: chain.governor.privateKey },
    )
    assert.equal(deployed.code, 0, deployed.stderr)
    const registry = JSON.parse(deployed.stdout) as { address: string; governor: string }
    assert.equal(registry.governor, governor.address)
    await (
      await chain.governor.sendTransaction({ to: governor.address, value: parseEther('1') })
    ).wait()

    const { call } = await startTestNode({
      settings: {
        chain: { mode: 'external', rpcUrl: chain.rpcUrl, contractAddress: registry.address },
      },
    })
    await call('accounts.importMnemonic', {
      label: 'Governor',
      mnemonic: governor.mnemonic!.phrase,
      passphrase: PASS,
    })
    const session = await call<SessionView>('session.signIn', {
      address: governor.address,
      passphrase: PASS,
    })
    assert.equal(session.member.isGovernor, true)
    const admin = await newAccount(call, 'Admin')
    const added = await call<InstitutionAdded>('institutions.add', { name: 'West Clinic', admin })
    assert.equal(added.institution.id, 1)
  })
})

describe('the governor onboards a hospital on the embedded chain', async () => {
  const { call } = await startTestNode()
  const { network } = await setUpClinic(call)

  test('a second institution joins beside the first, its admin funded by the faucet', async () => {
    const admin = await newAccount(call, 'Second admin')
    await call('session.signIn', { address: network.governor, passphrase: PASS })
    const added = await call<InstitutionAdded>('institutions.add', {
      name: 'Second Hospital',
      admin,
    })
    assert.equal(added.institution.id, 2)
    // The faucet pays on the embedded chain: nothing is sent from the governor's account.
    assert.equal(added.receipt.topUp, undefined)
    const session = await call<SessionView>('session.signIn', { address: admin, passphrase: PASS })
    assert.deepEqual([session.member.role, session.member.institution], ['administrator', 2])
  })

  test('the first institution is still the one set-up created', async () => {
    const listed = await call<InstitutionView[]>('institutions.list')
    assert.deepEqual(
      listed.map((i) => i.name),
      [network.institution.name, 'Second Hospital'],
    )
  })
})

/**
 * One in-memory Ganache chain per test file with the registry deployed and a cast of named
 * accounts; `restore()` rewinds the chain to that starting point (evm_snapshot / evm_revert).
 */
import assert from 'node:assert/strict'
import {
  BrowserProvider,
  Contract,
  Network,
  Wallet,
  getBytes,
  hexlify,
  keccak256,
  sha256,
  toUtf8Bytes,
  type ContractTransactionResponse,
  type Eip1193Provider,
  type TransactionReceipt,
} from 'ethers'
import {
  StaffRole,
  deployRegistry,
  registryAbi,
  splitCid,
  type RegistryDeployment,
} from '../../electron/node/chain/registry-artifact.ts'
import { revertDataOf } from '../../electron/node/chain/revert.ts'

export const CHAIN_ID = 1337n
export const INSTITUTION_A = 1n
export const INSTITUTION_B = 2n

const NAMES = [
  'governor',
  'adminA',
  'adminB',
  'physicianA',
  'nurseA',
  'physicianB',
  'pendingA',
  'suspendedA',
  'patient',
  'patient2',
  'newcomer',
  'outsider',
] as const

export type AccountName = (typeof NAMES)[number]

/**
 * The chain as every test starts it:
 * - institutions 1 (adminA) and 2 (adminB);
 * - active physicianA and nurseA (A), physicianB (B); pendingA (A, self-registered);
 *   suspendedA (A, suspended);
 * - registered patient and patient2; newcomer and outsider are funded but unregistered.
 */
export interface Fixture {
  provider: BrowserProvider
  registry: Contract
  address: string
  accounts: Record<AccountName, Wallet>
  deployment: RegistryDeployment
  /** Sends `method(...args)` from `signer` and returns the mined receipt. */
  send(signer: Wallet, method: string, ...args: unknown[]): Promise<TransactionReceipt>
  /** Calls view `method(...args)` and returns all its outputs. */
  view(method: string, ...args: unknown[]): Promise<unknown[]>
  /** Asserts that `action` reverts with custom error `name` and exactly `args`. */
  expectRevert(action: Promise<unknown>, name: string, args?: readonly unknown[]): Promise<void>
  /** Asserts that the receipt holds exactly one event `name`, with exactly `args`. */
  expectEvent(receipt: TransactionReceipt, name: string, args: readonly unknown[]): void
  /** Anchors a new record (a binary CID) from `staff` and returns its id (from the event). */
  anchor(staff: Wallet, patient: Wallet, cid: string): Promise<bigint>
  /** Rewinds the chain (state and clock) to the fixture's starting point. */
  restore(): Promise<void>
  /** Shuts the chain down. */
  stop(): Promise<void>
  /** Timestamp of the latest block. */
  now(): Promise<bigint>
  /** Moves the clock forward and mines a block. */
  increaseTime(seconds: bigint): Promise<void>
}

export async function createFixture(): Promise<Fixture> {
  const ganache = await importGanache()
  const chain = ganache.provider({
    chain: { hardfork: 'shanghai', chainId: Number(CHAIN_ID) },
    logging: { quiet: true },
    // Deterministic accounts: addresses end up in calldata, so gas figures repeat exactly.
    wallet: { totalAccounts: NAMES.length, defaultBalance: 1000, deterministic: true },
  })
  const network = Network.from(CHAIN_ID)
  // cacheTimeout -1: after evm_revert a cached nonce or block would be stale.
  const provider = new BrowserProvider(chain as unknown as Eip1193Provider, network, {
    staticNetwork: network,
    cacheTimeout: -1,
  })
  const keys = Object.values(chain.getInitialAccounts()).map((account) => account.secretKey)
  const accounts = Object.fromEntries(
    NAMES.map((name, i) => [name, new Wallet(keys[i]!, provider)]),
  ) as Record<AccountName, Wallet>

  const deployed = await deployRegistry(accounts.governor, accounts.governor.address)
  const registry = new Contract(deployed.address, registryAbi, provider)

  async function send(signer: Wallet, method: string, ...args: unknown[]) {
    const connected = registry.connect(signer) as Contract
    const tx = (await connected.getFunction(method).send(...args)) as ContractTransactionResponse
    const receipt = await tx.wait()
    assert.ok(receipt, `${method} was not mined`)
    return receipt
  }

  const { adminA, adminB } = accounts
  await send(accounts.governor, 'addInstitution', adminA.address, 'Alpha Hospital')
  await send(accounts.governor, 'addInstitution', adminB.address, 'Beta Clinic')
  await registerStaffDirect(adminA, accounts.physicianA, StaffRole.Physician)
  await registerStaffDirect(adminA, accounts.nurseA, StaffRole.Nurse)
  await registerStaffDirect(adminB, accounts.physicianB, StaffRole.Physician)
  await registerStaffDirect(adminA, accounts.suspendedA, StaffRole.Technician)
  await send(adminA, 'suspendStaff', accounts.suspendedA.address)
  await send(
    accounts.pendingA,
    'registerStaff',
    INSTITUTION_A,
    StaffRole.Pharmacist,
    commitmentOf('pendingA'),
    encryptionKeyOf(accounts.pendingA),
  )
  for (const name of ['patient', 'patient2'] as const) {
    const patient = accounts[name]
    await send(patient, 'registerPatient', commitmentOf(name), encryptionKeyOf(patient))
  }

  async function registerStaffDirect(admin: Wallet, staff: Wallet, role: number) {
    await send(
      admin,
      'registerStaffDirect',
      staff.address,
      role,
      commitmentOf(staff.address),
      encryptionKeyOf(staff),
    )
  }

  let snapshot = (await provider.send('evm_snapshot', [])) as string
  return {
    provider,
    registry,
    address: deployed.address,
    accounts,
    deployment: deployed,
    send,
    view: async (method, ...args) => [
      ...(await registry.getFunction(method).staticCallResult(...args)),
    ],
    expectRevert: (action, name, args) => expectRevert(registry, action, name, args),
    expectEvent: (receipt, name, args) => expectEvent(registry, receipt, name, args),
    async anchor(staff, patient, cid) {
      const receipt = await send(staff, 'anchorRecord', patient.address, ...splitCid(cid))
      const event = receipt.logs.map((log) => registry.interface.parseLog(log)).find(Boolean)
      assert.equal(event?.name, 'RecordAnchored')
      return event.args[0] as bigint
    },
    async restore() {
      assert.equal(await provider.send('evm_revert', [snapshot]), true)
      snapshot = (await provider.send('evm_snapshot', [])) as string
    },
    async stop() {
      provider.destroy()
      await chain.disconnect()
    },
    async now() {
      const block = await provider.getBlock('latest')
      assert.ok(block)
      return BigInt(block.timestamp)
    },
    async increaseTime(seconds) {
      await provider.send('evm_increaseTime', [Number(seconds)])
      await provider.send('evm_mine', [])
    },
  }
}

/** A stand-in identity commitment (the app hashes salted name, national id and licence). */
export function commitmentOf(label: string): string {
  return hexlify(getBytes(keccak256(toUtf8Bytes(`identity:${label}`))).slice(0, 20))
}

/** The account's real compressed secp256k1 public key, 33 bytes. */
export function encryptionKeyOf(wallet: Wallet): string {
  return wallet.signingKey.compressedPublicKey
}

/** A binary CIDv1 (raw codec, sha2-256 multihash), 36 bytes. */
export function cidOf(label: string): string {
  return `0x01551220${sha256(toUtf8Bytes(label)).slice(2)}`
}

/** `cidOf(label)` as the registry's `(cidPrefix, cidDigest)` arguments and event fields. */
export function cidArgs(label: string): [cidPrefix: string, cidDigest: string] {
  return splitCid(cidOf(label))
}

/** A 46-byte CIDv0 text form ("Qm…"), the size the gas ceilings of grants are set for. */
export function textCidOf(label: string): string {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
  const digest = getBytes(sha256(toUtf8Bytes(label)))
  const body = Array.from({ length: 44 }, (_, i) => alphabet[digest[i % 32]! % 58]).join('')
  return hexlify(toUtf8Bytes(`Qm${body}`))
}

/**
 * Asserts that `action` reverts with the registry's custom error `name` and exactly `args`
 * (decoded from the revert data).
 */
async function expectRevert(
  registry: Contract,
  action: Promise<unknown>,
  name: string,
  args: readonly unknown[] = [],
): Promise<void> {
  const error = await action.then(
    () => assert.fail(`expected ${name}(${args.join(', ')}), but it succeeded`),
    (error: unknown) => error,
  )
  const data = revertDataOf(error)
  assert.ok(data, `expected ${name}: the error carries no revert data (${String(error)})`)
  const parsed = registry.interface.parseError(data)
  assert.ok(parsed, `expected ${name}: unknown revert data ${data}`)
  assert.equal(parsed.name, name)
  assert.deepEqual([...parsed.args], normalize(args))
}

/** Numbers become bigints, as ethers decodes every integer. */
function normalize(values: readonly unknown[]): unknown[] {
  return values.map((value) => (typeof value === 'number' ? BigInt(value) : value))
}

/** Asserts that the receipt holds exactly one `name` event of the registry, with exactly `args`. */
function expectEvent(
  registry: Contract,
  receipt: TransactionReceipt,
  name: string,
  args: readonly unknown[],
): void {
  const events = receipt.logs
    .map((log) => registry.interface.parseLog(log))
    .filter((event) => event?.name === name)
  assert.equal(events.length, 1, `expected one ${name} event, found ${events.length}`)
  assert.deepEqual([...events[0]!.args], normalize(args))
}

/** Ganache warns (console.warn) that its optional native websocket build does not fit this Node. */
async function importGanache() {
  const consoleWarn = console.warn
  console.warn = (...args: unknown[]) => {
    const text = String(args[0] ?? '')
    if (!text.includes('µWS') && !text.includes('Falling back to a NodeJS implementation')) {
      consoleWarn(...args)
    }
  }
  try {
    return (await import('ganache')).default
  } finally {
    console.warn = consoleWarn
  }
}

import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { JsonRpcProvider, Network, Wallet } from 'ethers'
import { ApiError } from '../api/client.ts'
import { createDispatcher } from '../api/dispatch.ts'
import { probeChainId } from '../chain/external-chain.ts'
import { deployRegistry } from '../chain/registry-artifact.ts'
import { InvalidInputError } from '../errors.ts'
import type {
  AccountView,
  PatientRegistration,
  PatientRow,
  StaffRow,
  TxReceiptView,
} from '../identity/types.ts'
import type { Logger } from '../log.ts'
import { HospitalNode } from '../node.ts'
import { dataPaths } from '../paths.ts'
import { createJsonSettingsStore } from '../settings/store.ts'
import type { NodeStatus } from '../status.ts'

export interface CommandContext {
  dataDir: string
  options: Record<string, string | boolean | undefined>
  /** Positional arguments after the command's name. */
  args: string[]
  log: Logger
  /** Prints `human` text, or `json` when --json was given. */
  print(human: string, json: unknown): void
}

type Call = <T>(method: string, input?: unknown) => Promise<T>

/** Starts the node for the duration of a command; `work` calls the api as the UI does. */
async function withNode<T>(context: CommandContext, work: (call: Call) => Promise<T>): Promise<T> {
  const node = await HospitalNode.start({
    dataDir: context.dataDir,
    settings: createJsonSettingsStore(dataPaths(context.dataDir).settings),
    log: context.log,
  })
  const dispatch = createDispatcher(node)
  const call: Call = async (method, input) => {
    const envelope = await dispatch(method, input)
    if (!envelope.ok) throw new ApiError(envelope.error)
    return envelope.value as never
  }
  try {
    return await work(call)
  } finally {
    await node.stop()
  }
}

function option(context: CommandContext, name: string): string {
  const value = context.options[name]
  if (typeof value !== 'string' || value === '')
    throw new InvalidInputError(`--${name} is required`)
  return value
}

/** Passphrases never come from arguments, which other users of the machine can read. */
function passphrase(context: CommandContext): string {
  const file = context.options['passphrase-file']
  const value =
    typeof file === 'string' ? readFileSync(file, 'utf8').trimEnd() : process.env.EMR_PASSPHRASE
  if (!value) throw new InvalidInputError('Set EMR_PASSPHRASE or pass --passphrase-file FILE')
  return value
}

/** Starts the node with `--as` signed in. */
function asSignedIn<T>(context: CommandContext, work: (call: Call) => Promise<T>): Promise<T> {
  return withNode(context, async (call) => {
    await call('session.signIn', {
      address: option(context, 'as'),
      passphrase: passphrase(context),
    })
    return work(call)
  })
}

const receiptText = (receipt: TxReceiptView) =>
  table([
    ['result', receipt.result],
    ['contract', receipt.contractAddress],
    ['transaction', receipt.txHash],
    ['block', receipt.blockNumber],
    ['gas used', receipt.gasUsed],
  ])

function table(rows: [string, string | number | null][]): string {
  return rows.map(([label, value]) => `${label.padEnd(16)}${value ?? '-'}\n`).join('')
}

function staffChange(change: 'approve' | 'reject' | 'suspend' | 'reinstate') {
  return async (context: CommandContext) => {
    const receipt = await asSignedIn(context, (call) =>
      call<TxReceiptView>(`staff.${change}`, { account: option(context, 'account') }),
    )
    context.print(receiptText(receipt), receipt)
  }
}

export const commands = {
  async status(context: CommandContext) {
    const status = await withNode(context, (call) => call<NodeStatus>('node.status'))
    context.print(formatStatus(status), status)
  },

  async deploy(context: CommandContext) {
    const rpcUrl = option(context, 'rpc')
    const key = process.env.EMR_DEPLOYER_KEY
    if (!key)
      throw new InvalidInputError('Set EMR_DEPLOYER_KEY to the private key of a funded account')
    const chainId = await probeChainId(rpcUrl)
    const network = Network.from(chainId)
    const provider = new JsonRpcProvider(rpcUrl, network, { staticNetwork: network })
    try {
      const deployer = new Wallet(key, provider)
      const deployed = await deployRegistry(deployer, deployer.address)
      const result = {
        chainId,
        ...deployed,
        governor: deployer.address,
        gasUsed: deployed.gasUsed.toString(),
      }
      context.print(
        `Registry deployed at ${result.address}\n` +
          table([
            ['chain id', chainId],
            ['block', result.blockNumber],
            ['gas used', result.gasUsed],
            ['governor', result.governor],
          ]),
        result,
      )
    } finally {
      provider.destroy()
    }
  },

  async 'account create'(context: CommandContext) {
    const input = { label: option(context, 'label'), passphrase: passphrase(context) }
    const created = await withNode(context, (call) =>
      call<{ address: string; mnemonic: string }>('accounts.create', input),
    )
    context.print(
      `Account ${created.address}\nRecovery phrase (write it down now; it is not shown again):\n  ${created.mnemonic}\n`,
      created,
    )
  },

  async 'account list'(context: CommandContext) {
    const accounts = await withNode(context, (call) => call<AccountView[]>('accounts.list'))
    context.print(
      accounts.map((a) => `${a.address}  ${a.role.padEnd(8)}  ${a.label}\n`).join(''),
      accounts,
    )
  },

  async 'staff register'(context: CommandContext) {
    const input = {
      institution: Number(option(context, 'institution')),
      role: option(context, 'role'),
      identity: {
        name: option(context, 'name'),
        nationalId: option(context, 'national-id'),
        licenceNumber: option(context, 'licence'),
      },
    }
    const receipt = await asSignedIn(context, (call) =>
      call<TxReceiptView>('staff.register', input),
    )
    context.print(receiptText(receipt), receipt)
  },

  'staff approve': staffChange('approve'),
  'staff reject': staffChange('reject'),
  'staff suspend': staffChange('suspend'),
  'staff reinstate': staffChange('reinstate'),

  async 'staff list'(context: CommandContext) {
    const filter = {
      status: context.options.status,
      institution: context.options.institution ? Number(context.options.institution) : undefined,
    }
    const staff = await withNode(context, (call) => call<StaffRow[]>('staff.list', filter))
    context.print(
      staff
        .map(
          (s) =>
            `${s.address}  ${s.status.padEnd(9)}  ${s.role.padEnd(13)}  ${s.institutionName}  ${s.name ?? '-'}\n`,
        )
        .join(''),
      staff,
    )
  },

  async 'patient register'(context: CommandContext) {
    const input = {
      name: option(context, 'name'),
      medicalRecordNumber: option(context, 'mrn'),
      birthDate: option(context, 'birth-date'),
    }
    const registration = await asSignedIn(context, (call) =>
      call<PatientRegistration>('patients.register', input),
    )
    const out =
      (context.options.out as string | undefined) ?? `${registration.patient.address}.json`
    await writeFile(out, registration.keystoreJson, { mode: 0o600, flag: 'wx' })
    context.print(
      `Patient ${registration.patient.address} registered; keystore written to ${out}\n` +
        `Keystore passphrase (give it to the patient; it is not shown again): ${registration.passphrase}\n` +
        receiptText(registration.receipt),
      { ...registration, keystoreFile: out },
    )
  },

  async 'patient find'(context: CommandContext) {
    const query = context.args.join(' ')
    const patients = await withNode(context, (call) =>
      call<PatientRow[]>('patients.search', { query }),
    )
    context.print(
      patients
        .map(
          (p) => `${p.address}  ${p.medicalRecordNumber.padEnd(14)}  ${p.birthDate}  ${p.name}\n`,
        )
        .join('') || 'No patient found.\n',
      patients,
    )
  },
}

function formatStatus(status: NodeStatus): string {
  return table([
    ['data folder', status.dataDir],
    ['chain', `${status.chain.mode}${status.chain.rpcUrl ? ` (${status.chain.rpcUrl})` : ''}`],
    ['chain id', status.chain.chainId],
    ['block height', status.chain.blockHeight],
    ['contract', status.chain.contractAddress],
    ['peer id', status.ipfs.peerId],
    ['listening on', status.ipfs.listenAddresses.join('\n' + ' '.repeat(16)) || '-'],
    ['peers', status.ipfs.connectedPeers.length],
    ['repository', `${status.ipfs.repoSizeBytes} bytes`],
    ['database', `${status.database.path} (schema v${status.database.schemaVersion})`],
    ['indexed events', status.database.indexedEvents],
  ])
}

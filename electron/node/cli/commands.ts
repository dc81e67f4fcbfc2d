import { existsSync, readFileSync } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { Wallet, getAddress, isAddress } from 'ethers'
import { createCaller, createDispatcher } from '../api/dispatch.ts'
import { connectExternalChain } from '../chain/external-chain.ts'
import { servedRpcUrl } from '../chain/rpc-address.ts'
import { deployRegistry } from '../chain/registry-artifact.ts'
import { InvalidInputError } from '../errors.ts'
import type {
  AccessActionResult,
  AccessOverview,
  AuditAnchorResult,
  AuditVerification,
  EmergencyPolicyView,
  EmergencyView,
  PartyView,
} from '../access/types.ts'
import type {
  AccountView,
  InstitutionAdded,
  InstitutionView,
  PatientKeyReissue,
  PatientRegistration,
  PatientRow,
  SessionView,
  StaffRow,
  TopUpView,
  TxReceiptView,
} from '../identity/types.ts'
import type { Logger } from '../log.ts'
import { mimeOf } from '../records/mime.ts'
import { saveRecord, verifyRecord } from '../records/open.ts'
import { uploadStartSchema } from '../records/schemas.ts'
import type { IntegrityReport, RecordView } from '../records/types.ts'
import { prepareUpload, readFileForUpload, runUpload } from '../records/upload.ts'
import { parseSiteConfig } from '../identity/site-config.ts'
import { HospitalNode } from '../node.ts'
import { dataPaths } from '../paths.ts'
import { createJsonSettingsStore } from '../settings/store.ts'
import type { NodeStatus, PeerStatus } from '../status.ts'
import { showControlCharacters } from '../../../renderer/src/shared/visibleText.ts'
import { callerPath, inputFile, outputFile } from './files.ts'

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

/**
 * Starts the node for the duration of a command; `work` calls the api as the UI does. File
 * paths never cross the api (the UI must not name paths on the node's disk), so the record
 * commands that read or write files also get the node itself.
 */
async function withNode<T>(
  context: CommandContext,
  work: (call: Call, node: HospitalNode) => Promise<T>,
): Promise<T> {
  const node = await HospitalNode.start({
    dataDir: context.dataDir,
    settings: createJsonSettingsStore(dataPaths(context.dataDir).settings),
    log: context.log,
  })
  const call: Call = createCaller(createDispatcher(node))
  try {
    return await work(call, node)
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

/**
 * A version's title and file name as the terminal should show them: invisible controls (a
 * right-to-left override) escaped, so a name cannot pose as another.
 */
function shownDetails(details: RecordView['versions'][number]['details']): string {
  if (!details) return '(encrypted)'
  return `${showControlCharacters(details.title)} (${showControlCharacters(details.fileName)})`
}

/** Whether --force lets an output file replace an existing one. */
function force(context: CommandContext): boolean {
  return context.options.force === true
}

/** Creates the file, or with --force replaces it; never both by accident. */
function writeFlag(context: CommandContext): 'w' | 'wx' {
  return force(context) ? 'w' : 'wx'
}

/** Passphrases never come from arguments, which other users of the machine can read. */
function passphrase(context: CommandContext): string {
  const file = context.options['passphrase-file']
  const value =
    typeof file === 'string'
      ? readFileSync(inputFile(file), 'utf8').trimEnd()
      : process.env.EMR_PASSPHRASE
  if (!value) throw new InvalidInputError('Set EMR_PASSPHRASE or pass --passphrase-file FILE')
  return value
}

/** Starts the node with `--as` signed in. */
function asSignedIn<T>(
  context: CommandContext,
  work: (call: Call, node: HospitalNode) => Promise<T>,
): Promise<T> {
  return withNode(context, async (call, node) => {
    await call('session.signIn', {
      address: option(context, 'as'),
      passphrase: passphrase(context),
    })
    return work(call, node)
  })
}

/**
 * A patient's action: `--as` the patient themselves, or `--as` a staff member relaying the
 * patient's consent from `--keystore FILE`, whose passphrase comes from EMR_PATIENT_PASSPHRASE
 * or --patient-passphrase-file (never from arguments).
 */
async function patientAction(
  context: CommandContext,
  method: 'access.grant' | 'access.revoke' | 'access.restrict',
  fields: Record<string, unknown>,
  note = '',
) {
  const keystore = context.options.keystore
  const consent =
    typeof keystore === 'string'
      ? {
          keystoreJson: readFileSync(inputFile(keystore), 'utf8'),
          passphrase: patientPassphrase(context),
        }
      : undefined
  const input = { patient: option(context, 'patient'), ...fields, consent }
  const result = await asSignedIn(context, (call) => call<AccessActionResult>(method, input))
  const shared =
    result.keysShared === undefined
      ? ''
      : `${result.keysShared} record keys shared in bundle ${result.keyBundleCid ?? '-'}\n`
  const rotated = (result.rotated ?? [])
    .map((r) => `record ${r.recordId} v${r.rekeyed} re-keyed as v${r.version} (${r.cid})\n`)
    .join('')
  const reissued = result.grantsReissued
    ? `${result.grantsReissued} grants re-issued with the record's key\n`
    : ''
  context.print(
    `${note}${shared}${rotated}${reissued}via ${result.via}\n` + receiptText(result.receipt),
    result,
  )
}

function patientPassphrase(context: CommandContext): string {
  const file = context.options['patient-passphrase-file']
  const value =
    typeof file === 'string'
      ? readFileSync(inputFile(file), 'utf8').trimEnd()
      : process.env.EMR_PATIENT_PASSPHRASE
  if (!value) {
    throw new InvalidInputError(
      "Set EMR_PATIENT_PASSPHRASE or pass --patient-passphrase-file FILE for the patient's keystore",
    )
  }
  return value
}

/** Streams a file into a new record or version, as the upload screen does, in bounded memory. */
async function addRecord(context: CommandContext, recordId?: number) {
  const path = inputFile(option(context, 'file'))
  const input = uploadStartSchema.parse({
    patient: option(context, 'patient'),
    recordId,
    size: (await stat(path)).size,
    details: {
      title: option(context, 'title'),
      category: option(context, 'category'),
      dateOfCare: option(context, 'date'),
      fileName: basename(path),
      mime: context.options.mime ?? mimeOf(path),
    },
  })
  const result = await asSignedIn(context, async (_call, node) =>
    runUpload(node, await prepareUpload(node, input), readFileForUpload(path)),
  )
  context.print(
    `Record ${result.recordId}, version ${result.version}\n` +
      table([['cid', result.cid]]) +
      receiptText(result.receipt),
    result,
  )
}

function integrityText(report: IntegrityReport): string {
  return table([
    ['record', `${report.recordId}, version ${report.version}`],
    ['manifest', `${report.manifestCid} (hash matches the anchor)`],
    ['content', `${report.contentCid} (${report.segmentsVerified} segments authenticated)`],
    ['sha-256', report.sha256],
    ['patient', report.patient],
    ['uploader', report.uploader],
  ])
}

const receiptText = (receipt: TxReceiptView) =>
  table([
    ['result', receipt.result],
    ['contract', receipt.contractAddress],
    ['transaction', receipt.txHash],
    ['block', receipt.blockNumber],
    ['gas used', receipt.gasUsed],
  ]) + (receipt.topUp ? topUpText(receipt.topUp) : '')

/** The new member's gas top-up after an approval, or why it failed (the approval stands). */
const topUpText = (topUp: NonNullable<TxReceiptView['topUp']>) =>
  'error' in topUp
    ? `top-up of ${topUp.to} failed: ${topUp.error.code}: ${topUp.error.message}\n`
    : table([['topped up', `${topUp.amount} ETH to ${topUp.to} (${topUp.txHash})`]])

function table(rows: [string, string | number | null][]): string {
  return rows.map(([label, value]) => `${label.padEnd(16)}${value ?? '-'}\n`).join('')
}

function staffChange(change: 'approve' | 'reject' | 'suspend' | 'reinstate') {
  return async (context: CommandContext) => {
    const input = {
      account: option(context, 'account'),
      // A suspension says why, as a code kept in this node's audit trail.
      ...(change === 'suspend' ? { reason: option(context, 'reason') } : {}),
    }
    const receipt = await asSignedIn(context, (call) =>
      call<TxReceiptView>(`staff.${change}`, input),
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
    const { chainId, provider } = await connectExternalChain(rpcUrl, { token: null })
    try {
      const deployer = new Wallet(key, provider)
      // The governor adds institutions from a node: an account there, or the deployer itself.
      const chosen = context.options.governor
      if (typeof chosen === 'string' && !isAddress(chosen)) {
        throw new InvalidInputError('--governor is not an Ethereum address')
      }
      const governor = getAddress(typeof chosen === 'string' ? chosen : deployer.address)
      const deployed = await deployRegistry(deployer, governor)
      const result = {
        chainId,
        ...deployed,
        governor,
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

  /** Checks the file IT bakes into an installer (`npm run dist` runs it first); no secrets shown. */
  async 'site-config check'(context: CommandContext) {
    const [path] = context.args
    if (!path) throw new InvalidInputError('Give the site configuration file to check')
    if (context.options['if-present'] && !existsSync(callerPath(path))) {
      context.print(`No ${path}: the installer carries no site configuration\n`, { present: false })
      return
    }
    const file = inputFile(path)
    const config = parseSiteConfig(readFileSync(file, 'utf8'), file)
    const summary = {
      present: true,
      network: config.network,
      rpcUrl: config.chain.rpcUrl,
      chainId: config.chain.chainId,
      contractAddress: config.chain.contractAddress,
      consortiumToken: config.chain.rpcToken !== undefined,
      peers: config.ipfs.peers.length,
    }
    context.print(
      `${file} is a valid site configuration\n` +
        table([
          ['network', summary.network],
          ['chain', `${summary.rpcUrl} (chain id ${summary.chainId})`],
          ['registry', summary.contractAddress],
          ['token', summary.consortiumToken ? 'yes' : 'no'],
          ['peers', summary.peers],
        ]),
      summary,
    )
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

  /** Gas for a member on an external chain, from the governor's or an administrator's account. */
  async 'account fund'(context: CommandContext) {
    const input = { to: option(context, 'to'), amount: option(context, 'amount') }
    const sent = await asSignedIn(context, (call) => call<TopUpView>('accounts.fund', input))
    context.print(
      `Sent ${sent.amount} ETH to ${sent.to}\n` + table([['transaction', sent.txHash]]),
      sent,
    )
  },

  async 'institution add'(context: CommandContext) {
    const adminName = context.options['admin-name']
    const input = {
      name: option(context, 'name'),
      admin: option(context, 'admin'),
      // The admin's IC card data is optional; given, it is kept on this node only.
      ...(typeof adminName === 'string'
        ? {
            adminIdentity: {
              name: adminName,
              nationalId: option(context, 'national-id'),
              licenceNumber: option(context, 'licence'),
            },
          }
        : {}),
    }
    const added = await asSignedIn(context, (call) =>
      call<InstitutionAdded>('institutions.add', input),
    )
    context.print(
      `Institution ${added.institution.id} (${added.institution.name}), administrator ${added.institution.admin}\n` +
        receiptText(added.receipt),
      added,
    )
  },

  async 'institution list'(context: CommandContext) {
    const institutions = await withNode(context, (call) =>
      call<InstitutionView[]>('institutions.list'),
    )
    context.print(
      institutions.map((i) => `${String(i.id).padEnd(4)}  ${i.admin}  ${i.name}\n`).join(''),
      institutions,
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
    const staff = await asSignedIn(context, (call) => call<StaffRow[]>('staff.list', filter))
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
    // A chosen path is checked before registering: the keystore exists only in this answer.
    const chosen = context.options.out
    const chosenOut = typeof chosen === 'string' ? outputFile(chosen, force(context)) : undefined
    const registration = await asSignedIn(context, (call) =>
      call<PatientRegistration>('patients.register', input),
    )
    const out = chosenOut ?? outputFile(`${registration.patient.address}.json`, force(context))
    await writeFile(out, registration.keystoreJson, { mode: 0o600, flag: writeFlag(context) })
    context.print(
      `Patient ${registration.patient.address} registered; keystore written to ${out}\n` +
        `Keystore passphrase (give it to the patient; it is not shown again): ${registration.passphrase}\n` +
        receiptText(registration.receipt),
      { ...registration, keystoreFile: out },
    )
  },

  async 'patient reissue-key'(context: CommandContext) {
    const patient = option(context, 'patient')
    const chosen = context.options.out
    const chosenOut = typeof chosen === 'string' ? outputFile(chosen, force(context)) : undefined
    const reissue = await asSignedIn(context, (call) =>
      call<PatientKeyReissue>('patients.reissueKey', { patient }),
    )
    // Never over the patient's old keystore file: a name of its own, after the new key.
    const out = chosenOut ?? outputFile(`${reissue.newKey}.json`, force(context))
    await writeFile(out, reissue.keystoreJson, { mode: 0o600, flag: writeFlag(context) })
    context.print(
      `Patient ${reissue.patient.address}: new key ${reissue.newKey} re-issued; keystore written to ${out}\n` +
        `Keystore passphrase (give it to the patient; it is not shown again): ${reissue.passphrase}\n` +
        `Keys of ${reissue.keysShared} version(s) held by this institution re-wrapped for the new key; the old key is refused from now on\n` +
        receiptText(reissue.receipt),
      { ...reissue, keystoreFile: out },
    )
  },

  async 'record add'(context: CommandContext) {
    await addRecord(context)
  },

  async 'record version'(context: CommandContext) {
    await addRecord(context, Number(option(context, 'record')))
  },

  async 'record get'(context: CommandContext) {
    const [cid] = context.args
    if (!cid) throw new InvalidInputError('record get needs the CID')
    // Checked before the node starts: a refused path must not cost a logged read.
    const out = outputFile(option(context, 'out'), force(context))
    const report = await asSignedIn(context, (_call, node) => saveRecord(node, cid, out))
    context.print(`Verified and saved to ${out}\n` + integrityText(report), { ...report, out })
  },

  async 'record verify'(context: CommandContext) {
    const [cid] = context.args
    if (!cid) throw new InvalidInputError('record verify needs the CID')
    const report = await asSignedIn(context, (_call, node) => verifyRecord(node, cid))
    context.print(`Verified\n` + integrityText(report), report)
  },

  async 'record entered-in-error'(context: CommandContext) {
    const input = {
      recordId: Number(option(context, 'record')),
      version: Number(option(context, 'version')),
      reason: option(context, 'reason'),
    }
    const receipt = await asSignedIn(context, (call) =>
      call<TxReceiptView>('records.markEnteredInError', input),
    )
    context.print(
      `Record ${input.recordId}, version ${input.version} marked entered in error (${input.reason}); it stays readable\n` +
        receiptText(receipt),
      receipt,
    )
  },

  async 'record list'(context: CommandContext) {
    const patient = option(context, 'patient')
    const records = await asSignedIn(context, (call) =>
      call<RecordView[]>('records.list', { patient }),
    )
    context.print(
      records
        .flatMap((r) =>
          r.versions.map(
            (v) =>
              `${String(r.recordId).padStart(5)} v${String(v.version).padEnd(3)} ${v.cid}  ${shownDetails(v.details)}` +
              (v.enteredInError ? `  [entered in error: ${v.enteredInError.reason}]` : '') +
              '\n',
          ),
        )
        .join('') || 'No records.\n',
      records,
    )
  },

  async 'access request'(context: CommandContext) {
    const input = { patient: option(context, 'patient'), purpose: option(context, 'purpose') }
    const result = await asSignedIn(context, (call) =>
      call<AccessActionResult>('access.request', input),
    )
    context.print(receiptText(result.receipt), result)
  },

  async 'access grant'(context: CommandContext) {
    await patientAction(context, 'access.grant', {
      reader: option(context, 'reader'),
      until: context.options.until,
    })
  },

  async 'access revoke'(context: CommandContext) {
    const rotateKeys = context.options.rotate === true
    await patientAction(
      context,
      'access.revoke',
      { reader: option(context, 'reader'), rotateKeys },
      'Revoked at once on chain; copies the reader already opened may have been kept' +
        (rotateKeys
          ? ', and old versions they hold keys of stay readable wherever their blocks remain.\n'
          : '; their old keys still open the versions they cover (--rotate re-keys them).\n'),
    )
  },

  async 'access restrict'(context: CommandContext) {
    await patientAction(context, 'access.restrict', {
      recordId: Number(option(context, 'record')),
      restricted: !context.options.lift,
    })
  },

  async 'access list'(context: CommandContext) {
    const patient = option(context, 'patient')
    const overview = await asSignedIn(context, (call) =>
      call<AccessOverview>('access.overview', { patient }),
    )
    const who = (p: PartyView) => `${p.address}${p.name ? ` (${p.name})` : ''}`
    context.print(
      'Requests\n' +
        (overview.requests
          .map(
            (r) =>
              `  ${r.requestedAt}  ${who(r.staff)}  ${r.purpose}  ${r.answered ? 'granted' : 'pending'}\n`,
          )
          .join('') || '  none\n') +
        'Grants\n' +
        (overview.grants
          .map((g) => `  ${who(g.reader)}  ${g.state}  until ${g.expiresAt ?? 'revoked'}\n`)
          .join('') || '  none\n') +
        `Restricted records: ${overview.restrictedRecords.join(', ') || 'none'}\n`,
      overview,
    )
  },

  async 'emergency declare'(context: CommandContext) {
    const input = { patient: option(context, 'patient'), reason: option(context, 'reason') }
    const declared = await asSignedIn(context, (call) =>
      call<EmergencyView & { receipt: TxReceiptView }>('emergency.declare', input),
    )
    context.print(
      `Emergency declared on ${declared.patient.address} until ${declared.expiresAt}.\n` +
        'The patient and the institution are alerted; every read is logged.\n' +
        receiptText(declared.receipt),
      declared,
    )
  },

  async 'emergency list'(context: CommandContext) {
    const list = await asSignedIn(context, (call) =>
      call<EmergencyView[]>('emergency.list', { activeOnly: Boolean(context.options.active) }),
    )
    context.print(
      list
        .map(
          (e) =>
            `${e.declaredAt}  ${e.active ? 'ACTIVE ' : 'ended  '}  ${e.staff.address}  on ${e.patient.address}  ${e.reason}  keys ${e.keysReleasedAt ? 'released' : 'waiting'}  reads ${e.readsLogged}\n`,
        )
        .join('') || 'No emergencies.\n',
      list,
    )
  },

  async 'emergency roles'(context: CommandContext) {
    const roles = context.options.set
    const policy = await asSignedIn(context, async (call) => {
      if (typeof roles === 'string') {
        await call('emergency.setRoles', { roles: roles.split(',').map((r) => r.trim()) })
      }
      return ownEmergencyPolicy(call)
    })
    context.print(
      `Roles that may declare an emergency at ${policy.institutionName ?? policy.institution}: ` +
        `${policy.roles.join(', ')}\n`,
      policy,
    )
  },

  async 'emergency auto-release'(context: CommandContext) {
    const policy = await asSignedIn(context, async (call) => {
      if (context.options.enable) await call('emergency.enableAutomaticRelease')
      if (context.options.disable) await call('emergency.disableAutomaticRelease')
      return ownEmergencyPolicy(call)
    })
    const release = policy.automaticRelease
    const here = release.heldHere
      ? 'this node holds the releaser key and releases with nobody signed in'
      : release.nodeSecret
        ? 'another node holds the releaser key'
        : 'this node has no protected secret (set EMR_NODE_SECRET), so it cannot hold the key'
    context.print(
      release.on
        ? `Automatic release is on (releaser ${release.releaser}): ${here}.\n`
        : `Automatic release is off: an administrator releases keys from a signed-in node.\n` +
            (release.nodeSecret ? '' : `Unavailable on this node: ${here}.\n`),
      policy,
    )
  },

  async 'audit export'(context: CommandContext) {
    const filter = Object.fromEntries(
      ['patient', 'actor', 'action', 'from', 'to']
        .filter((key) => typeof context.options[key] === 'string')
        .map((key) => [key, context.options[key]]),
    )
    const out = outputFile(option(context, 'out'), force(context))
    const exported = await asSignedIn(context, (call) =>
      call<{ content: string }>('audit.export', { format: option(context, 'format'), filter }),
    )
    await writeFile(out, exported.content, { mode: 0o600, flag: writeFlag(context) })
    context.print(`Audit trail written to ${out}\n`, { out })
  },

  async 'audit verify'(context: CommandContext) {
    const result = await asSignedIn(context, (call) => call<AuditVerification>('audit.verify'))
    if (!result.ok) process.exitCode = 1
    context.print(
      (result.ok
        ? `Read log intact: ${result.entries} entries, ${result.anchors.length} anchors on chain match.\n`
        : `READ LOG TAMPERED (${result.problems.length} problems):\n`) +
        result.problems
          .map((p) => `  ${p.kind}${p.seq ? ` at entry ${p.seq}` : ''}: ${p.message}\n`)
          .join('') +
        `head ${result.head}\n`,
      result,
    )
  },

  async 'audit anchor'(context: CommandContext) {
    const result = await asSignedIn(context, (call) => call<AuditAnchorResult>('audit.anchor'))
    context.print(
      result.receipt
        ? `Anchored ${result.entries} entries (head ${result.head})\n` + receiptText(result.receipt)
        : `Nothing new to anchor (${result.entries} entries).\n`,
      result,
    )
  },

  async 'patient find'(context: CommandContext) {
    const query = context.args.join(' ')
    const patients = await asSignedIn(context, (call) =>
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
    ['node secret', status.nodeSecret ?? 'none: automatic emergency release unavailable'],
    ['chain', `${status.chain.mode}${status.chain.rpcUrl ? ` (${status.chain.rpcUrl})` : ''}`],
    [
      'chain gateway',
      status.chain.gateway &&
        `${servedRpcUrl(status.chain.gateway)} (hosting the network's chain: a single point of failure)`,
    ],
    ['chain id', status.chain.chainId],
    [
      'chain reach',
      status.chain.outage
        ? `UNREACHABLE since ${status.chain.outage.since}: ${status.chain.outage.lastError}`
        : 'answering',
    ],
    [status.chain.outage ? 'last known block' : 'block height', status.chain.blockHeight],
    ['contract', status.chain.contractAddress],
    ['peer id', status.ipfs.peerId],
    ['listening on', status.ipfs.listenAddresses.join('\n' + ' '.repeat(16)) || '-'],
    ['peers', peerLines(status.ipfs.peers).join('\n' + ' '.repeat(16))],
    ['repository', `${status.ipfs.repoSizeBytes} bytes`],
    ['database', `${status.database.path} (schema v${status.database.schemaVersion})`],
    ['indexed events', status.database.indexedEvents],
  ])
}

/**
 * The peer list: a count, then one line per known peer: state, latency, where it was learned,
 * its peer id and first address, and when it was last seen unless connected.
 */
function peerLines(peers: PeerStatus[]): string[] {
  const connected = peers.filter((peer) => peer.state === 'connected').length
  return [
    `${connected} connected of ${peers.length} known`,
    ...peers.map((peer) =>
      [
        peer.state.padEnd(13),
        (peer.latencyMs === null ? '-' : `${peer.latencyMs} ms`).padEnd(8),
        peer.source.padEnd(11),
        peer.peerId ?? '(not answered yet)',
        peer.addresses[0] ?? '(no address)',
        peer.state === 'connected' ? '' : `last seen ${peer.lastSeen ?? 'never'}`,
      ]
        .join(' ')
        .trimEnd(),
    ),
  ]
}

/** The emergency rules of the signed-in staff member's institution. */
async function ownEmergencyPolicy(call: Call): Promise<EmergencyPolicyView> {
  const session = await call<SessionView>('session.get')
  if (session.member.institution === null) {
    throw new InvalidInputError('--as must be staff of an institution')
  }
  return call<EmergencyPolicyView>('emergency.policy', { institution: session.member.institution })
}

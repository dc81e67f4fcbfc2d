/**
 * The settings form's model: what the inputs hold, and how it becomes a settings patch. The
 * validation is the node's own schema (settingsPatchSchema), so the form accepts exactly what
 * `settings.update` accepts; only the messages are ours, per field, so they can be translated.
 */
import type { ParseKeys } from 'i18next'
import { DEFAULT_RPC_HOST } from '../../../../electron/node/chain/rpc-address.ts'
import {
  settingsPatchSchema,
  type Settings,
  type SettingsPatch,
} from '../../../../electron/node/settings/schema.ts'

export interface SettingsFormValues {
  chainMode: Settings['chain']['mode']
  /** Number inputs hold '' while empty. */
  rpcPort: number | string
  rpcHost: string
  /** Empty: other nodes are given the bound address. */
  rpcPublicUrl: string
  rpcUrl: string
  contractAddress: string
  /** External chains only. Empty: chosen by the chain's client (chain/confirmations.ts). */
  confirmations: number | string
  /**
   * The stored registry's deployment block (from the site configuration), not shown: kept while
   * the contract address stays that registry's, dropped with it (the node then finds it).
   */
  deployment: { contractAddress: string; block: number } | null
  listenPort: number | string
  /** One multiaddr per line. */
  peers: string
  idleLockMinutes: number | string
  anchorEveryMinutes: number | string
  /** ETH as decimal text: a new member's gas top-up on an external chain. */
  topUpEth: string
  /** Every node of the swarm holds every record ('all'); else `replicaCopies` nodes do. */
  replicateToAll: boolean
  replicaCopies: number | string
}

export type SettingsFieldName = keyof SettingsFormValues

export interface FieldError {
  messageKey: ParseKeys
  /** 1-based lines of a multi-line field that are wrong. */
  lines?: number[]
}

export type FieldErrors = Partial<Record<SettingsFieldName | 'form', FieldError>>

/** The part of the settings this form edits; the language is saved on its own, at once. */
export type FormPatch = Required<
  Pick<SettingsPatch, 'chain' | 'ipfs' | 'security' | 'audit' | 'funding' | 'replication'>
>

export type ParsedForm = { ok: true; patch: FormPatch } | { ok: false; errors: FieldErrors }

export function toFormValues(
  settings: Pick<Settings, 'chain' | 'ipfs' | 'security' | 'audit' | 'funding' | 'replication'>,
): SettingsFormValues {
  const { chain, ipfs, security, audit, funding, replication } = settings
  return {
    chainMode: chain.mode,
    rpcPort: chain.mode === 'embedded' ? chain.rpcPort : 0,
    rpcHost: chain.mode === 'embedded' ? chain.rpcHost : DEFAULT_RPC_HOST,
    rpcPublicUrl: (chain.mode === 'embedded' && chain.rpcPublicUrl) || '',
    rpcUrl: chain.mode === 'external' ? chain.rpcUrl : '',
    contractAddress: chain.mode === 'external' ? chain.contractAddress : '',
    confirmations: chain.mode === 'external' ? (chain.confirmations ?? '') : '',
    deployment:
      chain.mode === 'external' && chain.deploymentBlock !== undefined
        ? { contractAddress: chain.contractAddress, block: chain.deploymentBlock }
        : null,
    listenPort: ipfs.listenPort,
    peers: ipfs.peers.join('\n'),
    idleLockMinutes: security.idleLockMinutes,
    anchorEveryMinutes: audit.anchorEveryMinutes,
    topUpEth: funding.topUpEth,
    replicateToAll: replication.copies === 'all',
    // Shown (disabled) while every node holds every record: the count to go back to.
    replicaCopies: replication.copies === 'all' ? 2 : replication.copies,
  }
}

// Where the schema reports an issue (first two path segments) -> the input that shows it.
const fieldsByPath: Record<string, { field: SettingsFieldName; messageKey: ParseKeys }> = {
  'chain.rpcPort': { field: 'rpcPort', messageKey: 'settings.invalidPort' },
  'chain.rpcHost': { field: 'rpcHost', messageKey: 'settings.invalidRpcHost' },
  'chain.rpcPublicUrl': { field: 'rpcPublicUrl', messageKey: 'settings.invalidRpcPublicUrl' },
  'chain.rpcUrl': { field: 'rpcUrl', messageKey: 'settings.invalidRpcUrl' },
  'chain.contractAddress': {
    field: 'contractAddress',
    messageKey: 'settings.invalidContractAddress',
  },
  'chain.confirmations': { field: 'confirmations', messageKey: 'settings.invalidConfirmations' },
  'ipfs.listenPort': { field: 'listenPort', messageKey: 'settings.invalidPort' },
  'ipfs.peers': { field: 'peers', messageKey: 'settings.invalidPeers' },
  'security.idleLockMinutes': {
    field: 'idleLockMinutes',
    messageKey: 'settings.invalidIdleLockMinutes',
  },
  'audit.anchorEveryMinutes': {
    field: 'anchorEveryMinutes',
    messageKey: 'settings.invalidAnchorEveryMinutes',
  },
  'funding.topUpEth': { field: 'topUpEth', messageKey: 'settings.invalidTopUpEth' },
  'replication.copies': { field: 'replicaCopies', messageKey: 'settings.invalidReplicaCopies' },
}

/** An empty number input is not 0: NaN makes the schema reject it instead of guessing. */
function toNumber(value: number | string): number {
  return value === '' ? Number.NaN : Number(value)
}

/** Non-empty lines, remembering where each was so errors can point at the right line. */
function splitLines(text: string): { items: string[]; lineNumbers: number[] } {
  const items: string[] = []
  const lineNumbers: number[] = []
  text.split('\n').forEach((line, index) => {
    const item = line.trim()
    if (item) {
      items.push(item)
      lineNumbers.push(index + 1)
    }
  })
  return { items, lineNumbers }
}

export function parseForm(values: SettingsFormValues): ParsedForm {
  const peers = splitLines(values.peers)
  const confirmations =
    values.confirmations === '' ? {} : { confirmations: toNumber(values.confirmations) }
  const contractAddress = values.contractAddress.trim()
  const sameRegistry =
    values.deployment?.contractAddress.toLowerCase() === contractAddress.toLowerCase()
  const patch: FormPatch = {
    chain:
      values.chainMode === 'embedded'
        ? {
            mode: 'embedded',
            rpcPort: toNumber(values.rpcPort),
            rpcHost: values.rpcHost.trim(),
            ...(values.rpcPublicUrl.trim() ? { rpcPublicUrl: values.rpcPublicUrl.trim() } : {}),
          }
        : {
            mode: 'external',
            rpcUrl: values.rpcUrl.trim(),
            contractAddress,
            ...(values.deployment && sameRegistry
              ? { deploymentBlock: values.deployment.block }
              : {}),
            ...confirmations,
          },
    ipfs: { listenPort: toNumber(values.listenPort), peers: peers.items },
    security: { idleLockMinutes: toNumber(values.idleLockMinutes) },
    audit: { anchorEveryMinutes: toNumber(values.anchorEveryMinutes) },
    funding: { topUpEth: values.topUpEth.trim() },
    replication: { copies: values.replicateToAll ? 'all' : toNumber(values.replicaCopies) },
  }

  const result = settingsPatchSchema.safeParse(patch)
  if (result.success) return { ok: true, patch }

  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const target = fieldsByPath[issue.path.slice(0, 2).map(String).join('.')]
    if (!target) {
      errors.form = { messageKey: 'settings.invalidForm' }
      continue
    }
    const error = (errors[target.field] ??= { messageKey: target.messageKey })
    const item = issue.path[2]
    if (target.field === 'peers' && typeof item === 'number') {
      const line = peers.lineNumbers[item]
      if (line !== undefined) (error.lines ??= []).push(line)
    }
  }
  return { ok: false, errors }
}

import { readFile } from 'node:fs/promises'
import { getAddress } from 'ethers'
import { exportableRpcUrl } from '../chain/rpc-address.ts'
import { readRpcToken, rpcTokenPath } from '../chain/rpc-token.ts'
import { EmrError, InvalidInputError, NotPermittedError, SetupDoneError } from '../errors.ts'
import type { HospitalNode } from '../node.ts'
import { dataPaths } from '../paths.ts'
import { fundFromFaucet, signIn } from './accounts.ts'
import { memberView } from './members.ts'
import { addInstitution } from './institutions.ts'
import { checkSiteChain } from './join-checks.ts'
import { callRegistry, receiptView, sessionSigner } from './registry-calls.ts'
import type { SiteConfig, StaffIdentity } from './schemas.ts'
import { applySiteConfig, parseSiteConfig, siteConfigPeers } from './site-config.ts'
import { listInstitutions } from './staff.ts'
import type { NetworkCreated, SetupStatus } from './types.ts'

export async function setupStatus(node: HospitalNode): Promise<SetupStatus> {
  const institutions = Number(await node.chain.registry.getFunction('institutionCount')())
  return {
    stage: node.chain.mode === 'embedded' && institutions === 0 ? 'new-network' : 'ready',
    chainMode: node.chain.mode,
    institutions,
    accounts: node.vault.list().length,
  }
}

/**
 * A network's first start: the consortium governor and the first institution with its admin.
 * The faucet deployed the registry and governs it until now; it hands governance over, then the
 * new governor adds the institution. The admin is signed in at the end.
 */
export async function createNetwork(
  node: HospitalNode,
  input: {
    institutionName: string
    governor: { label: string; passphrase: string }
    admin: { label: string; passphrase: string } & StaffIdentity
  },
): Promise<NetworkCreated> {
  const faucet = node.chain.faucet
  if ((await setupStatus(node)).stage !== 'new-network' || !faucet) throw new SetupDoneError()
  const governor = await node.vault.create({ ...input.governor, role: 'governor' })
  const admin = await node.vault.create({
    label: input.admin.label,
    passphrase: input.admin.passphrase,
    role: 'admin',
  })
  await fundFromFaucet(node, governor.address)
  await fundFromFaucet(node, admin.address)

  const handover = await callRegistry(node, faucet, 'transferGovernance', [governor.address])
  await node.vault.unlock(governor.address, input.governor.passphrase)
  const { name, nationalId, licenceNumber } = input.admin
  const added = await addInstitution(node, sessionSigner(node), {
    name: input.institutionName,
    admin: admin.address,
    adminIdentity: { name, nationalId, licenceNumber },
  })
  node.vault.lock()
  await signIn(node, { address: admin.address, passphrase: input.admin.passphrase })

  return {
    governor: getAddress(governor.address),
    admin: getAddress(admin.address),
    institution: added.institution,
    mnemonics: { governor: governor.mnemonic, admin: admin.mnemonic },
    receipts: [receiptView(node, handover, 'governance handed over'), added.receipt],
  }
}

/**
 * Joining an existing network from the site configuration IT provides: the chain, the registry
 * and the swarm take effect at the next start. The file is checked whole, and its chain asked
 * for its chain id and registry (`checkSiteChain`), before anything is written; the previous
 * swarm key is kept beside the new one.
 */
export async function joinNetwork(node: HospitalNode, input: { siteConfig: string }) {
  let parsed: SiteConfig
  try {
    parsed = parseSiteConfig(input.siteConfig, 'given')
  } catch (error) {
    // The join form marks its file field for invalid input; the message names the bad field.
    if (!(error instanceof EmrError)) throw error
    throw new InvalidInputError(error.message, { cause: error })
  }
  await checkSiteChain(parsed)
  await applySiteConfig(node.settings, node.dataDir, parsed)
  return { restartRequired: true as const, network: parsed.network }
}

/**
 * The file IT gives a joining hospital. It carries the swarm key and the chain's consortium
 * token: admins and the governor only.
 */
export async function exportSiteConfig(node: HospitalNode): Promise<SiteConfig> {
  const session = node.vault.requireSession()
  const member = await memberView(node, session.address)
  if (!member.isGovernor && member.role !== 'administrator') {
    throw new NotPermittedError(
      'Only an administrator or the governor can export the site configuration',
    )
  }
  const status = await node.status()
  const rpcUrl = exportableRpcUrl(status.chain.rpcUrl)
  const rpcToken = await readRpcToken(rpcTokenPath(dataPaths(node.dataDir).chain))
  return {
    format: 'emr-node-site/1',
    network: listInstitutions(node)[0]?.name ?? 'EMR network',
    chain: {
      rpcUrl,
      chainId: status.chain.chainId,
      contractAddress: status.chain.contractAddress,
      ...(rpcToken ? { rpcToken } : {}),
      deploymentBlock: node.chain.deployment.blockNumber,
    },
    ipfs: {
      swarmKey: await readFile(dataPaths(node.dataDir).swarmKey, 'utf8'),
      peers: siteConfigPeers(status.ipfs, status.ipfs.peers),
    },
  }
}

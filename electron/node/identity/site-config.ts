/**
 * The site configuration: the file that puts a hospital's node on its consortium's chain and
 * swarm. It arrives two ways, checked the same: pasted when joining (`setup.joinNetwork`), or
 * baked into the hospital's installer by IT and applied at the node's first start.
 */
import { existsSync } from 'node:fs'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { z } from 'zod'
import { replaceRpcToken, rpcTokenPath } from '../chain/rpc-token.ts'
import { EmrError, InvalidSiteConfigError } from '../errors.ts'
import { parseSwarmKey } from '../ipfs/swarm-key.ts'
import { dataPaths } from '../paths.ts'
import { peerMultiaddrSchema } from '../settings/schema.ts'
import type { SettingsStore } from '../settings/store.ts'
import type { PeerStatus } from '../status.ts'
import { siteConfigSchema, type SiteConfig } from './schemas.ts'

/**
 * Checks a site configuration's text whole (JSON, the schema, the swarm key) before anything is
 * written. The error names `source` and the first bad field; it never quotes the swarm key.
 */
export function parseSiteConfig(text: string, source: string): SiteConfig {
  const invalid = (field: string, problem: string) =>
    new InvalidSiteConfigError(`The site configuration ${source} is not valid: ${problem}`, {
      details: { file: source, field },
    })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw invalid('(the whole file)', 'it is not JSON')
  }
  const result = siteConfigSchema.safeParse(json)
  if (!result.success) {
    const field = result.error.issues[0]?.path.join('.') || '(the whole file)'
    throw invalid(field, z.prettifyError(result.error))
  }
  try {
    parseSwarmKey(result.data.ipfs.swarmKey)
  } catch (error) {
    if (!(error instanceof EmrError)) throw error
    throw invalid('ipfs.swarmKey', `ipfs.swarmKey: ${error.message}`)
  }
  return result.data
}

/**
 * Points the node at the site's chain, registry and peers, and installs its swarm key and the
 * chain's consortium token (the previous ones are kept beside them). Takes effect at the node's
 * next start, or at this one when called before the chain and IPFS start.
 */
export async function applySiteConfig(
  settings: SettingsStore,
  dataDir: string,
  config: SiteConfig,
): Promise<void> {
  settings.update({
    chain: {
      mode: 'external',
      rpcUrl: config.chain.rpcUrl,
      contractAddress: config.chain.contractAddress,
      deploymentBlock: config.chain.deploymentBlock,
    },
    ipfs: { ...settings.get().ipfs, peers: config.ipfs.peers },
  })
  const { swarmKey } = dataPaths(dataDir)
  await rename(swarmKey, `${swarmKey}.previous`).catch(() => {})
  await writeFile(`${swarmKey}.tmp`, config.ipfs.swarmKey, { mode: 0o600 })
  await rename(`${swarmKey}.tmp`, swarmKey)
  await replaceRpcToken(rpcTokenPath(dataPaths(dataDir).chain), config.chain.rpcToken)
}

/**
 * A data folder that never held a node: no settings and no database. Only such a folder takes
 * the installer's site configuration, so an update of the app never re-points a running node.
 */
export function isFirstStart(dataDir: string): boolean {
  const paths = dataPaths(dataDir)
  return !existsSync(paths.settings) && !existsSync(paths.database)
}

/**
 * The site configuration baked into the installer at `file`, checked, when this start should
 * apply it (the folder's first start and the file exists); otherwise undefined, and the file is
 * not even read: an installer without one, or an existing node, starts as before.
 */
export async function bakedSiteConfigToApply(
  file: string | undefined,
  dataDir: string,
): Promise<SiteConfig | undefined> {
  if (!file || !isFirstStart(dataDir)) return undefined
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  return parseSiteConfig(text, file)
}

/**
 * The peers a site configuration carries: this node and every peer it knows (configured,
 * exchanged, or that connected to it), one `/ip4|ip6|dns*\/HOST/tcp/PORT/p2p/ID` per address.
 * For each node the addresses other machines can reach are given; loopback ones only when it
 * has no other (they serve nodes on the same machine, as a loopback chain URL does). Unspecified
 * addresses, other transports and peers whose id is not known yet are left out.
 */
export function siteConfigPeers(
  self: { peerId: string; listenAddresses: string[] },
  peers: Pick<PeerStatus, 'peerId' | 'addresses'>[],
): string[] {
  const nodes = [
    { peerId: self.peerId, addresses: self.listenAddresses },
    ...peers.flatMap((peer) =>
      peer.peerId === null ? [] : [{ peerId: peer.peerId, addresses: peer.addresses }],
    ),
  ]
  const exported = new Set<string>()
  for (const { peerId, addresses } of nodes) {
    const full = addresses
      .map((address) => address.replace(new RegExp(`/p2p/${peerId}$`), ''))
      .map((address) => `${address}/p2p/${peerId}`)
      .filter((address) => peerMultiaddrSchema.safeParse(address).success)
      .filter((address) => hostReach(address) !== 'unspecified')
    const network = full.filter((address) => hostReach(address) === 'network')
    for (const address of network.length > 0 ? network : full) exported.add(address)
  }
  return [...exported]
}

function hostReach(address: string): 'unspecified' | 'loopback' | 'network' {
  const host = address.split('/')[2]?.toLowerCase() ?? ''
  if (host === '0.0.0.0' || host === '::') return 'unspecified'
  if (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)) return 'loopback'
  return 'network'
}

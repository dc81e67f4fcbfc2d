/**
 * What a join checks on the chain a site configuration names, before anything is written: that
 * the endpoint answers (with the consortium token), that its chain id is the one the file says,
 * and that the registry address holds an EMR registry. A wrong file then fails at once, with
 * what is wrong, instead of at the next start with the node already re-pointed.
 */
import { Contract, type Provider } from 'ethers'
import { registryInterface } from '../chain/chain-service.ts'
import { REGISTRY_DOMAIN_VERSION } from '../chain/eip712.ts'
import { connectExternalChain } from '../chain/external-chain.ts'
import { isChainUnavailable } from '../chain/transport-errors.ts'
import { ChainIdMismatchError, ContractNotFoundError, NotARegistryError } from '../errors.ts'
import type { SiteConfig } from './schemas.ts'

export async function checkSiteChain(config: SiteConfig): Promise<void> {
  const { rpcUrl, chainId: expected, contractAddress, rpcToken } = config.chain
  const { chainId, provider } = await connectExternalChain(rpcUrl, { token: rpcToken ?? null })
  try {
    if (chainId !== expected) {
      throw new ChainIdMismatchError(
        `The chain at ${rpcUrl} has chain id ${chainId}, not ${expected} as the site configuration says`,
        { details: { expected, actual: chainId } },
      )
    }
    await checkRegistryAt(provider, contractAddress)
  } finally {
    provider.destroy()
  }
}

/**
 * Code at `address`, answering the registry's views as this build's registry does (its EIP-712
 * version, a governor). The deployed code cannot be compared byte for byte: the registry keeps
 * the chain id and domain separator as immutables, written into the code at deployment.
 */
async function checkRegistryAt(provider: Provider, address: string): Promise<void> {
  if ((await provider.getCode(address)) === '0x') {
    throw new ContractNotFoundError(`There is no contract at ${address} on this chain`, {
      details: { address },
    })
  }
  const registry = new Contract(address, registryInterface, provider)
  let version: unknown
  try {
    ;[version] = await Promise.all([
      registry.getFunction('VERSION')(),
      registry.getFunction('governor')(),
    ])
  } catch (error) {
    if (isChainUnavailable(error)) throw error
    version = undefined
  }
  if (version !== REGISTRY_DOMAIN_VERSION) {
    throw new NotARegistryError(
      `The contract at ${address} is not an EMR Node registry of version ${REGISTRY_DOMAIN_VERSION}`,
      { details: { address } },
    )
  }
}

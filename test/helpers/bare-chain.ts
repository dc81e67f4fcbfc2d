import { after } from 'node:test'
import ganache from 'ganache'
import { BrowserProvider, HDNodeWallet, type Eip1193Provider } from 'ethers'

/**
 * An in-memory Ganache chain with one funded account and nothing deployed, for tests of the
 * chain plumbing below the registry. Closed when the test file ends.
 */
export function startBareChain() {
  const mnemonic = HDNodeWallet.createRandom().mnemonic!.phrase
  const chain = ganache.provider({
    logging: { quiet: true },
    chain: { hardfork: 'shanghai' as const },
    wallet: { mnemonic, totalAccounts: 1 },
  })
  const providers: BrowserProvider[] = []
  /** A provider of its own on the chain, for a test that changes how one behaves. */
  const connect = () => {
    const provider = new BrowserProvider(chain as unknown as Eip1193Provider, undefined, {
      cacheTimeout: -1,
    })
    providers.push(provider)
    return provider
  }
  const provider = connect()
  after(async () => {
    for (const each of providers) each.destroy()
    await chain.disconnect()
  })
  return {
    provider,
    connect,
    /** The chain's own EIP-1193 interface, for a test that stands another client in front. */
    ethereum: chain as unknown as Eip1193Provider,
    sender: HDNodeWallet.fromPhrase(mnemonic).connect(provider),
  }
}

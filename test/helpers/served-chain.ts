import ganache from 'ganache'
import { ContractFactory, JsonRpcProvider, Wallet } from 'ethers'
import { registryAbi, registryBytecode } from '../../electron/node/chain/registry-artifact.ts'
import { freePort } from './net.ts'

/**
 * A consortium chain stand-in: Ganache served over real JSON-RPC on loopback (as Besu or Geth
 * would be), with the registry deployed and governed by `governor`. The caller closes it (at
 * the file's end, or earlier to take the chain away from a running node; closing twice is
 * fine). With a `dbPath` the chain is kept on disk, and `reopen()` serves it again on the same
 * port, as a restarted chain node would.
 */
export async function startServedChain(options: { dbPath?: string } = {}) {
  const governor = Wallet.createRandom()
  const port = await freePort()
  const serve = async () => {
    const server = ganache.server({
      logging: { quiet: true },
      chain: { hardfork: 'shanghai' as const },
      ...(options.dbPath ? { database: { dbPath: options.dbPath } } : {}),
      wallet: {
        accounts: [{ secretKey: governor.privateKey, balance: '0x' + (10n ** 21n).toString(16) }],
      },
    })
    await server.listen(port, '127.0.0.1')
    return server
  }
  let server: Awaited<ReturnType<typeof serve>> | null = await serve()
  const rpcUrl = `http://127.0.0.1:${port}`
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 })
  const signer = governor.connect(provider)
  const registry = await new ContractFactory(registryAbi, registryBytecode, signer).deploy(
    governor.address,
  )
  await registry.waitForDeployment()
  const { chainId } = await provider.getNetwork()
  const contractAddress = await registry.getAddress()
  return {
    rpcUrl,
    chainId: Number(chainId),
    contractAddress,
    /** The registry's governor and the chain's only funded account. */
    governor: signer,
    async close() {
      await server?.close()
      server = null
    },
    async reopen() {
      server ??= await serve()
    },
  }
}

import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { after, before, describe, test } from 'node:test'
import ganache from 'ganache'
import { Wallet } from 'ethers'
import { rpcTokenPath } from '../../electron/node/chain/rpc-token.ts'
import { dataPaths } from '../../electron/node/paths.ts'
import { runCli } from '../helpers/cli.ts'
import { freePort } from '../helpers/net.ts'
import { startTestNode } from '../helpers/node.ts'
import { tempDir } from '../helpers/temp.ts'

// A consortium chain stand-in: Ganache served over real JSON-RPC, as Besu or Geth would be.
const deployer = Wallet.createRandom()
let rpcUrl: string
let chain: { close(): Promise<void> }
before(async () => {
  const port = await freePort()
  const server = ganache.server({
    logging: { quiet: true },
    chain: { hardfork: 'shanghai' as const },
    wallet: {
      accounts: [{ secretKey: deployer.privateKey, balance: '0x' + (10n ** 21n).toString(16) }],
    },
  })
  await server.listen(port, '127.0.0.1')
  chain = server
  rpcUrl = `http://127.0.0.1:${port}`
})
after(() => chain.close())

describe('an external chain', () => {
  let contractAddress: string

  test('cli deploy puts the registry on it and prints the address', async () => {
    const result = await runCli(['deploy', '--rpc', rpcUrl, '--json'], {
      EMR_DEPLOYER_KEY: deployer.privateKey,
    })
    assert.equal(result.code, 0, result.stderr)
    const deployed = JSON.parse(result.stdout) as {
      address: string
      governor: string
      gasUsed: string
    }
    assert.match(deployed.address, /^0x[0-9a-fA-F]{40}$/)
    assert.equal(deployed.governor, deployer.address)
    assert.ok(Number(deployed.gasUsed) > 0)
    contractAddress = deployed.address
  })

  test('a node configured with that URL and address follows it', async () => {
    const { node } = await startTestNode({
      settings: { chain: { mode: 'external', rpcUrl, contractAddress } },
    })
    const status = await node.status()
    assert.equal(status.chain.mode, 'external')
    assert.equal(status.chain.rpcUrl, rpcUrl)
    assert.equal(status.chain.contractAddress, contractAddress)
    assert.ok(status.chain.blockHeight >= 1)
  })

  test('an address with no contract code is refused', async () => {
    await assert.rejects(
      startTestNode({
        settings: { chain: { mode: 'external', rpcUrl, contractAddress: deployer.address } },
      }),
      { name: 'ContractNotFoundError', code: 'ERR_CONTRACT_NOT_FOUND' },
    )
  })
})

describe('the cli', () => {
  test('status starts the node, prints its live values and stops', async () => {
    const dataDir = await tempDir()
    const result = await runCli(['status', '--data-dir', dataDir])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /chain id\s+1337/)
    assert.match(result.stdout, /block height\s+[1-9]\d*/)
    assert.match(result.stdout, /peer id\s+12D3KooW\w+/)
    // It stopped cleanly: the folder is free again.
    assert.equal((await runCli(['status', '--data-dir', dataDir, '--json'])).code, 0)
  })

  test("status of a node hosting its chain names the gateway's address and the risk", async () => {
    const dataDir = await tempDir()
    const port = await freePort()
    await writeFile(
      dataPaths(dataDir).settings,
      JSON.stringify({ chain: { mode: 'embedded', rpcPort: port } }),
    )
    const result = await runCli(['status', '--data-dir', dataDir])
    assert.equal(result.code, 0, result.stderr)
    assert.match(
      result.stdout,
      new RegExp(`chain gateway\\s+http://127\\.0\\.0\\.1:${port} \\(.*single point of failure`),
    )
    // The log says once where the chain is served, never the token.
    const token = await readFile(rpcTokenPath(dataPaths(dataDir).chain), 'utf8')
    assert.match(result.stderr, /the embedded chain is served to other nodes/)
    assert.ok(!result.stderr.includes(token))
  })

  test('malformed settings are reported with their code and left as they were', async () => {
    const dataDir = await tempDir()
    const settings = '{ "chain": { "mode": "external", "rpcUrl": 42 } }'
    await writeFile(dataPaths(dataDir).settings, settings)
    const result = await runCli(['status', '--data-dir', dataDir])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error ERR_INVALID_SETTINGS: /m)
    assert.equal(await readFile(dataPaths(dataDir).settings, 'utf8'), settings)
  })

  test('deploy to an unreachable URL says so', async () => {
    const result = await runCli(['deploy', '--rpc', 'http://127.0.0.1:9'], {
      EMR_DEPLOYER_KEY: deployer.privateKey,
    })
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error ERR_CHAIN_UNREACHABLE: /m)
  })

  test('deploy without a key asks for one and deploys nothing', async () => {
    const result = await runCli(['deploy', '--rpc', rpcUrl], { EMR_DEPLOYER_KEY: '' })
    assert.equal(result.code, 1)
    assert.match(result.stderr, /EMR_DEPLOYER_KEY/)
  })
})

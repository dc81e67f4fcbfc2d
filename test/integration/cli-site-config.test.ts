import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { generateSwarmKey } from '../../electron/node/ipfs/swarm-key.ts'
import { runCli } from '../helpers/cli.ts'
import { tempDir } from '../helpers/temp.ts'

const swarmKey = generateSwarmKey()
const rpcToken = randomBytes(32).toString('base64url')
const siteConfig = {
  format: 'emr-node-site/1',
  network: 'North Consortium',
  chain: {
    rpcUrl: 'https://chain.consortium.example:8545',
    chainId: 1337,
    contractAddress: '0x' + '12'.repeat(20),
    rpcToken,
  },
  ipfs: { swarmKey, peers: [] },
}

async function writeConfig(config: unknown): Promise<string> {
  const file = join(await tempDir(), 'site-config.json')
  await writeFile(file, JSON.stringify(config))
  return file
}

describe('cli site-config check, run by npm run dist before building', () => {
  test('a valid file is summed up without its secrets', async () => {
    const result = await runCli(['site-config', 'check', await writeConfig(siteConfig)])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /is a valid site configuration/)
    assert.match(result.stdout, /North Consortium/)
    assert.match(result.stdout, /token\s+yes/)
    assert.ok(!result.stdout.includes(rpcToken))
    assert.ok(!result.stdout.includes(swarmKey.split('\n')[2]!))
  })

  test('an invalid file fails the build, naming the field', async () => {
    const file = await writeConfig({ ...siteConfig, chain: { ...siteConfig.chain, chainId: 0 } })
    const result = await runCli(['site-config', 'check', file])
    assert.equal(result.code, 1)
    assert.match(result.stderr, /^error ERR_INVALID_SITE_CONFIG: .*site-config\.json/)
    assert.match(result.stderr, /chainId/)
  })

  test('a missing file is no error with --if-present (a generic installer), else it is', async () => {
    const missing = join(await tempDir(), 'site-config.json')
    const optional = await runCli(['site-config', 'check', missing, '--if-present'])
    assert.equal(optional.code, 0, optional.stderr)
    assert.match(optional.stdout, /carries no site configuration/)
    const required = await runCli(['site-config', 'check', missing])
    assert.equal(required.code, 1)
    assert.match(required.stderr, /^error ERR_FILE_NOT_FOUND/)
  })
})

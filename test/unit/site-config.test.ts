import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { EmrError } from '../../electron/node/errors.ts'
import {
  bakedSiteConfigToApply,
  parseSiteConfig,
} from '../../electron/node/identity/site-config.ts'
import { generateSwarmKey } from '../../electron/node/ipfs/swarm-key.ts'
import { dataPaths } from '../../electron/node/paths.ts'

const exampleText = readFileSync(
  new URL('../../site/site-config.example.json', import.meta.url),
  'utf8',
)
const swarmKey = generateSwarmKey()

/** A site configuration as JSON holds it, loosely typed so a test can break any field. */
interface LooseSiteConfig {
  format: string
  network?: string
  chain: { rpcUrl: string; chainId: unknown; contractAddress: string }
  ipfs: { swarmKey: string; peers: string[] }
}

/** The committed example with a real swarm key, as IT would fill it in. */
function filledExample(): LooseSiteConfig {
  const config = JSON.parse(exampleText) as LooseSiteConfig
  config.ipfs.swarmKey = swarmKey
  return config
}

function refusal(text: string, source = 'site-config.json') {
  try {
    parseSiteConfig(text, source)
  } catch (error) {
    assert.ok(error instanceof EmrError)
    return error
  }
  assert.fail('the site configuration was accepted')
}

describe('a site configuration', () => {
  test('the example in the repository is valid once its swarm key is filled in', () => {
    const parsed = parseSiteConfig(JSON.stringify(filledExample()), 'example')
    assert.equal(parsed.format, 'emr-node-site/1')
    assert.equal(parsed.ipfs.swarmKey, swarmKey)
    assert.equal(parsed.ipfs.peers.length, 1)
  })

  test('the example as committed is refused for its placeholder swarm key', () => {
    const error = refusal(exampleText, 'site/site-config.example.json')
    assert.equal(error.code, 'ERR_INVALID_SITE_CONFIG')
    assert.deepEqual(error.details, {
      file: 'site/site-config.example.json',
      field: 'ipfs.swarmKey',
    })
  })

  const broken: [label: string, field: string, change: (config: LooseSiteConfig) => void][] = [
    ['another format', 'format', (c) => (c.format = 'emr-node-site/2')],
    ['no network name', 'network', (c) => delete c.network],
    [
      'an RPC URL that is not http(s) or ws(s)',
      'chain.rpcUrl',
      (c) => (c.chain.rpcUrl = 'ftp://x'),
    ],
    ['a chain id of text', 'chain.chainId', (c) => (c.chain.chainId = '1337')],
    [
      'a short contract address',
      'chain.contractAddress',
      (c) => (c.chain.contractAddress = '0x12'),
    ],
    ['a peer that is not a TCP multiaddr', 'ipfs.peers.0', (c) => (c.ipfs.peers = ['hospital-a'])],
    [
      'a swarm key of the wrong length',
      'ipfs.swarmKey',
      (c) => (c.ipfs.swarmKey = '/key/swarm/psk/1.0.0/\n/base16/\nabcd\n'),
    ],
  ]
  for (const [label, field, change] of broken) {
    test(`with ${label} is refused naming the file and ${field}`, () => {
      const config = filledExample()
      change(config)
      const error = refusal(JSON.stringify(config), '/opt/EMR Node/resources/site-config.json')
      assert.equal(error.name, 'InvalidSiteConfigError')
      assert.equal(error.code, 'ERR_INVALID_SITE_CONFIG')
      assert.deepEqual(error.details, { file: '/opt/EMR Node/resources/site-config.json', field })
      assert.match(error.message, /\/opt\/EMR Node\/resources\/site-config\.json/)
      assert.ok(error.message.includes(field.split('.').at(-1)!), error.message)
    })
  }

  test('that is not JSON is refused as a whole', () => {
    const error = refusal('{ "format": ', 'site-config.json')
    assert.equal(error.code, 'ERR_INVALID_SITE_CONFIG')
    assert.match(error.message, /not JSON/)
  })

  test('a refusal never quotes the swarm key', () => {
    const config = filledExample()
    const secret = 'f'.repeat(63)
    config.ipfs.swarmKey = `/key/swarm/psk/1.0.0/\n/base16/\n${secret}\n`
    const error = refusal(JSON.stringify(config))
    assert.ok(!error.message.includes(secret))
  })
})

describe('the baked site configuration at start', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'emr-site-'))

  test('an installer without one applies nothing', async () => {
    assert.equal(
      await bakedSiteConfigToApply(join(folder(), 'site-config.json'), folder()),
      undefined,
    )
    assert.equal(await bakedSiteConfigToApply(undefined, folder()), undefined)
  })

  test('a folder that already held a node does not read it, even when it is invalid', async () => {
    const file = join(folder(), 'site-config.json')
    writeFileSync(file, 'not JSON')
    for (const existing of ['settings', 'database'] as const) {
      const dataDir = folder()
      writeFileSync(dataPaths(dataDir)[existing], '')
      assert.equal(await bakedSiteConfigToApply(file, dataDir), undefined)
    }
    await assert.rejects(bakedSiteConfigToApply(file, folder()), {
      code: 'ERR_INVALID_SITE_CONFIG',
    })
  })
})

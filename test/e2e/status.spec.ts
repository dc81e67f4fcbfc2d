import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startIpfs } from '../../electron/node/ipfs/ipfs-service.ts'
import { parseSwarmKey } from '../../electron/node/ipfs/swarm-key.ts'
import type { NodeStatus } from '../../electron/node/status.ts'
import { freePort } from '../helpers/net.ts'
import { startServedChain } from '../helpers/served-chain.ts'
import { expect, test } from './fixtures.ts'
import { callApi } from './steps.ts'

test('the status screen shows the live chain and IPFS node', async ({ app }) => {
  const { page } = app
  // A new node opens on the set-up wizard; IT staff reach the status screen from the navbar.
  await page.getByRole('link', { name: 'Node status' }).click()
  const chainId = page.getByTestId('status-chain-id')
  await expect(chainId).toHaveText(/1337/)

  // The embedded chain deployed the registry on first start: a real address, and blocks on top.
  await expect(page.getByTestId('status-contract-address')).toHaveText(/0x[0-9a-fA-F]{40}/)
  const height = Number(
    (await page.getByTestId('status-block-height').innerText()).replace(/\D/g, ''),
  )
  expect(height).toBeGreaterThanOrEqual(1)

  // A libp2p Ed25519 peer id, and a repository that already holds the node's own blocks.
  await expect(page.getByTestId('status-peer-id')).toHaveText(/12D3Koo[1-9A-HJ-NP-Za-km-z]{40,}/)
  await expect(page.getByTestId('status-connected-peers')).toHaveText(/0/)
  await expect(page.getByTestId('status-repo-size')).not.toBeEmpty()
})

/** The settings the node started with, as the fixture wrote them. */
async function servedSettings(dataDir: string): Promise<{ chain: { rpcPort: number } }> {
  return JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as {
    chain: { rpcPort: number }
  }
}

test.describe('a node serving its embedded chain to other hospitals', () => {
  test.use({
    // Playwright reads a fixture's dependencies from this pattern: this one has none.
    // eslint-disable-next-line no-empty-pattern
    nodeSettings: async ({}, use) => {
      await use({ chain: { mode: 'embedded', rpcPort: await freePort() } })
    },
  })

  test('says where, and that it is a single point of failure', async ({ app }) => {
    const { page } = app
    const settings = await servedSettings(app.dataDir)
    await page.getByRole('link', { name: 'Node status' }).click()
    // Bound to loopback unless the administrator chose another address.
    await expect(page.getByTestId('status-chain-gateway')).toHaveText(
      `http://127.0.0.1:${settings.chain.rpcPort}`,
    )
    const notice = page.getByTestId('status-hosting-notice')
    await expect(notice).toContainText('single point of failure')
    await expect(notice).toContainText('Besu')
  })

  test("hands the administrator a site configuration with the gateway's URL and the token", async ({
    app,
  }) => {
    const { page } = app
    const url = `http://127.0.0.1:${(await servedSettings(app.dataDir)).chain.rpcPort}`
    // The administrator is signed in once the network exists.
    await callApi(page, 'setup.createNetwork', {
      institutionName: 'Taipei Municipal General Hospital',
      governor: { label: 'IT governor', passphrase: 'governor long passphrase' },
      admin: {
        label: 'Dr Lin (admin)',
        passphrase: 'admin correct horse battery',
        name: 'Lin Mei-Hua',
        nationalId: 'A123456789',
        licenceNumber: 'MD-100234',
      },
    })
    await page.reload()
    await page.getByRole('link', { name: 'Settings' }).click()
    // Served on loopback (the default): fine for nodes on this computer, and the screen says so.
    await expect(page.getByTestId('site-config-loopback')).toContainText(
      `${url}, works only on this computer`,
    )
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download site configuration' }).click()
    const config = JSON.parse(await readFile(await (await download).path(), 'utf8')) as {
      chain: { rpcUrl: string; rpcToken: string }
    }
    expect(config.chain.rpcUrl).toBe(url)
    expect(config.chain.rpcToken).toBe(
      await readFile(join(app.dataDir, 'chain', 'rpc-token'), 'utf8'),
    )
  })
})

test.describe('a node whose external chain goes down', () => {
  let chain: Awaited<ReturnType<typeof startServedChain>>
  test.beforeAll(async () => {
    chain = await startServedChain()
  })
  test.afterAll(async () => {
    await chain.close()
  })
  test.use({
    // eslint-disable-next-line no-empty-pattern
    nodeSettings: async ({}, use) => {
      await use({
        chain: { mode: 'external', rpcUrl: chain.rpcUrl, contractAddress: chain.contractAddress },
      })
    },
  })

  test('shows the chain unreachable at once, and answering again when it is back', async ({
    app,
  }, testInfo) => {
    const { page } = app
    await page.getByRole('link', { name: 'Node status' }).click()
    const reach = page.getByTestId('status-chain-reach')
    await expect(reach).toHaveText('Answering')
    const height = await page.getByTestId('status-block-height').getAttribute('data-value')

    await chain.close()
    const alert = page.getByTestId('status-chain-unreachable')
    await expect(alert).toContainText('Chain unreachable')
    await expect(reach).toHaveText('Unreachable')
    await expect(page.getByTestId('node-indicator')).toContainText('Chain unreachable')
    await expect(page.getByTestId('status-chain-last-error')).toContainText('cannot be reached')
    // The last block this node indexed stands in for the chain's head.
    await expect(page.getByTestId('status-block-height')).toHaveAttribute('data-value', height!)
    await page.screenshot({ path: testInfo.outputPath('chain-unreachable.png'), fullPage: true })

    await chain.reopen()
    await expect(reach).toHaveText('Answering')
    await expect(alert).toHaveCount(0)
    await expect(page.getByTestId('node-indicator')).toContainText('Chain · block')
  })
})

test.describe('the peer list', () => {
  /** A valid peer id no node has: a configured peer that never answers. */
  const absentPeer = '12D3KooWK3uFwkgKiAey7zADzq5KAtAs7X5H9h3pdQrSWReC8ErB'

  test.use({
    // eslint-disable-next-line no-empty-pattern
    nodeSettings: async ({}, use) => {
      const port = await freePort()
      await use({
        ipfs: { listenPort: 0, peers: [`/ip4/127.0.0.1/tcp/${port}/p2p/${absentPeer}`] },
      })
    },
  })

  test('shows a configured peer that is down and a peer of the swarm that connected, with its latency', async ({
    app,
  }, testInfo) => {
    const { page } = app
    await page.getByRole('link', { name: 'Node status' }).click()
    const card = page.getByTestId('status-peers')
    const absent = card.locator(`[data-peer-id="${absentPeer}"]`)
    await expect(absent).toContainText('Configuration')
    await expect(absent).toHaveAttribute('data-state', /reconnecting|unreachable/)
    await expect(absent).toContainText('Never')

    // Another node of the same swarm (same swarm key, on loopback) dials this one.
    const status = await callApi<NodeStatus>(page, 'node.status')
    const swarmKey = parseSwarmKey(await readFile(join(app.dataDir, 'ipfs', 'swarm.key'), 'utf8'))
    const repoDir = await mkdtemp(join(tmpdir(), 'emr-e2e-visitor-'))
    const visitor = await startIpfs({
      repoDir,
      swarmKey,
      listenPort: 0,
      listenHost: '127.0.0.1',
      peers: status.ipfs.listenAddresses.filter((address) => address.startsWith('/ip4/127.')),
    })
    try {
      const row = card.locator(`[data-peer-id="${visitor.peerId}"]`)
      await expect(row).toHaveAttribute('data-state', 'connected')
      await expect(row).toContainText('Connected to us')
      await expect(row).toContainText(/\d+ ms/)
      await expect(row).toContainText('Now')
      await expect(page.getByTestId('status-peers-summary')).toHaveText('1 connected of 2 known')
      await page.screenshot({ path: testInfo.outputPath('peers.png'), fullPage: true })
    } finally {
      await visitor.stop()
      await rm(repoDir, { recursive: true, force: true })
    }
  })
})

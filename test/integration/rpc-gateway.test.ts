import assert from 'node:assert/strict'
import { readFile, stat } from 'node:fs/promises'
import { connect } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { HDNodeWallet, Wallet, type JsonRpcProvider } from 'ethers'
import { startEmbeddedChain, type EmbeddedChain } from '../../electron/node/chain/embedded-chain.ts'
import { connectExternalChain } from '../../electron/node/chain/external-chain.ts'
import { rpcTokenPath } from '../../electron/node/chain/rpc-token.ts'
import { silentLogger } from '../../electron/node/log.ts'
import { freePort } from '../helpers/net.ts'
import { tempDir } from '../helpers/temp.ts'

/**
 * A hosting node's embedded chain behind its gateway, called as another hospital's node (with
 * the consortium token) and as anyone else on the network (without it, or with the wrong one).
 * Every refusal is checked twice: the answer, and the chain afterwards, through the node's own
 * in-process provider, which the gateway does not stand in front of.
 */
// At the top level: a folder made in a hook would be removed when that hook ends.
const dir = await tempDir()

describe('the gateway of a hosted embedded chain', () => {
  let chain: EmbeddedChain
  let url: string
  let token: string
  let client: JsonRpcProvider
  let faucet: HDNodeWallet

  before(async () => {
    const port = await freePort()
    chain = await startEmbeddedChain({
      dir,
      serve: { host: '127.0.0.1', port },
      log: silentLogger,
    })
    url = chain.rpcUrl!
    token = await readFile(rpcTokenPath(dir), 'utf8')
    ;({ provider: client } = await connectExternalChain(url, {
      token,
      provider: { cacheTimeout: -1 },
    }))
    faucet = HDNodeWallet.fromPhrase(chain.faucetMnemonic).connect(client)
  })
  after(async () => {
    client.destroy()
    await chain.stop()
  })

  /** Asks the chain directly, in process: what really happened, whatever the gateway said. */
  const direct = (method: string, params: unknown[] = []) =>
    chain.provider.request({ method, params }) as Promise<unknown>
  const latestBlock = () =>
    direct('eth_getBlockByNumber', ['latest', false]) as Promise<{
      number: string
      timestamp: string
      hash: string
    }>
  const balanceOf = async (address: string) =>
    BigInt((await direct('eth_getBalance', [address, 'latest'])) as string)

  async function post(body: unknown, headers: Record<string, string> = {}, method = 'POST') {
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: method === 'POST' ? (typeof body === 'string' ? body : JSON.stringify(body)) : null,
    })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: text ? JSON.parse(text) : null,
    }
  }
  const rpc = (method: string, params: unknown[] = []) =>
    post({ jsonrpc: '2.0', id: 7, method, params }, { authorization: `Bearer ${token}` })

  /** Asserts the gateway refused `method` by name, without asking the chain. */
  async function assertRefused(method: string, params: unknown[] = []) {
    const { status, json } = await rpc(method, params)
    assert.equal(status, 200, method)
    assert.deepEqual(
      json,
      {
        jsonrpc: '2.0',
        id: 7,
        error: { code: -32601, message: 'method not available on this gateway' },
      },
      method,
    )
  }

  test('keeps the consortium token in chain/rpc-token, private to the node', async () => {
    assert.match(token, /^[A-Za-z0-9_-]{43}$/)
    assert.equal((await stat(rpcTokenPath(dir))).mode & 0o777, 0o600)
  })

  test('serves a standard client holding the token: reads, and a transaction it signed', async () => {
    assert.equal((await client.getNetwork()).chainId, 1337n)
    const recipient = Wallet.createRandom().address
    const sent = await faucet.sendTransaction({ to: recipient, value: 12345n })
    const receipt = await client.getTransactionReceipt(sent.hash)
    assert.equal(receipt?.status, 1)
    assert.equal(await client.getBalance(recipient), 12345n)
    assert.equal(await balanceOf(recipient), 12345n)
    assert.equal((await client.getTransaction(sent.hash))?.from, faucet.address)
  })

  describe('without the consortium token', () => {
    const signedTransfer = async () => {
      const nonce = Number(await direct('eth_getTransactionCount', [faucet.address, 'latest']))
      return faucet.signTransaction(
        await faucet.populateTransaction({ to: Wallet.createRandom().address, value: 1n, nonce }),
      )
    }

    for (const [name, headers] of [
      ['no Authorization header', {}],
      ['a wrong token', { authorization: `Bearer ${'A'.repeat(43)}` }],
      ['the token without the Bearer scheme', { authorization: '' }],
    ] as const) {
      test(`refuses ${name} with 401, and nothing reaches the chain`, async () => {
        const raw = await signedTransfer()
        const before = await latestBlock()
        const answer = await post(
          { jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [raw] },
          name === 'the token without the Bearer scheme' ? { authorization: token } : headers,
        )
        assert.equal(answer.status, 401)
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer')
        assert.deepEqual(answer.json, {
          jsonrpc: '2.0',
          id: null,
          error: { code: -32001, message: 'missing or wrong consortium token' },
        })
        assert.equal((await latestBlock()).hash, before.hash)
      })
    }

    test('the ethers client of a node without the token fails to connect, named as such', async () => {
      await assert.rejects(
        connectExternalChain(url, { token: null }),
        (error: { code?: string }) => error.code === 'ERR_CHAIN_UNAUTHORIZED',
      )
      await assert.rejects(
        connectExternalChain(url, { token: 'B'.repeat(43) }),
        (error: { code?: string }) => error.code === 'ERR_CHAIN_UNAUTHORIZED',
      )
    })
  })

  describe('refuses every method beyond a standard client, with no effect on the chain', () => {
    test("eth_sendTransaction, eth_sign* and eth_accounts: the faucet's unlocked account", async () => {
      const recipient = Wallet.createRandom().address
      const faucetBalance = await balanceOf(faucet.address)
      await assertRefused('eth_sendTransaction', [
        { from: faucet.address, to: recipient, value: '0xde0b6b3a7640000' },
      ])
      await assertRefused('eth_accounts')
      await assertRefused('eth_sign', [faucet.address, '0x1234'])
      await assertRefused('eth_signTransaction', [{ from: faucet.address, to: recipient }])
      await assertRefused('eth_signTypedData_v4', [faucet.address, '{}'])
      assert.equal(await balanceOf(recipient), 0n)
      assert.equal(await balanceOf(faucet.address), faucetBalance)
    })

    test('evm_*: no time travel, no snapshot and revert, no balance or code written', async () => {
      const recipient = Wallet.createRandom().address
      const snapshotTaken = await latestBlock()
      await assertRefused('evm_snapshot')
      const mined = await (await faucet.sendTransaction({ to: recipient, value: 7n })).wait()
      await assertRefused('evm_revert', ['0x1'])
      await assertRefused('evm_increaseTime', [2 * 24 * 3600])
      await assertRefused('evm_setTime', [Date.now() + 2 * 24 * 3600_000])
      await assertRefused('evm_mine', [{ timestamp: Math.floor(Date.now() / 1000) + 172_800 }])
      await assertRefused('evm_setAccountBalance', [recipient, '0xffffffffffffffff'])
      await assertRefused('evm_setAccountCode', [recipient, '0x6000'])
      await assertRefused('evm_setAccountNonce', [recipient, '0x10'])
      await assertRefused('evm_addAccount', [recipient, 'passphrase'])

      // The transaction mined after the snapshot is still on chain, and time did not jump.
      const latest = await latestBlock()
      assert.equal(Number(latest.number), mined!.blockNumber)
      assert.ok(Number(latest.number) > Number(snapshotTaken.number))
      assert.ok(Number(latest.timestamp) - Number(snapshotTaken.timestamp) < 3600)
      assert.equal(await balanceOf(recipient), 7n)
      assert.equal(await direct('eth_getCode', [recipient, 'latest']), '0x')
      assert.equal(await direct('eth_getTransactionCount', [recipient, 'latest']), '0x0')
    })

    test('miner_*: mining cannot be stopped from outside', async () => {
      await assertRefused('miner_stop')
      await assertRefused('miner_setEtherbase', [Wallet.createRandom().address])
      await assertRefused('miner_setGasPrice', ['0x0'])
      await assertRefused('miner_start')
      const sent = await faucet.sendTransaction({ to: Wallet.createRandom().address, value: 1n })
      assert.equal((await sent.wait())?.status, 1)
    })

    test('debug_*: no traces of what the chain executed', async () => {
      const sent = await faucet.sendTransaction({ to: Wallet.createRandom().address, value: 1n })
      await sent.wait()
      await assertRefused('debug_traceTransaction', [sent.hash, {}])
      await assertRefused('debug_storageRangeAt', [
        sent.blockHash ?? '0x0',
        0,
        faucet.address,
        '0x0',
        1,
      ])
    })

    test('personal_*: no accounts created or unlocked on the hosting node', async () => {
      await assertRefused('personal_newAccount', ['passphrase'])
      await assertRefused('personal_importRawKey', [Wallet.createRandom().privateKey.slice(2), 'p'])
      await assertRefused('personal_unlockAccount', [faucet.address, '', 0])
      await assertRefused('personal_sendTransaction', [
        { from: faucet.address, to: Wallet.createRandom().address, value: '0x1' },
        '',
      ])
      await assertRefused('personal_listAccounts')
      assert.deepEqual(
        ((await direct('eth_accounts')) as string[]).map((a) => a.toLowerCase()),
        [faucet.address.toLowerCase()],
      )
    })

    test("Ganache's own extras: subscriptions, its key-value store, its module list", async () => {
      await assertRefused('eth_subscribe', ['newHeads'])
      await assertRefused('db_putString', ['db', 'key', 'value'])
      await assertRefused('db_getString', ['db', 'key'])
      await assertRefused('rpc_modules')
      await assertRefused('eth_mining')
      await assertRefused('eth_coinbase')
      await assertRefused('bzz_hive')
      await assertRefused('shh_version')
      await assertRefused('ganache_someFutureExtra')
    })

    test('txpool_* and admin_*: no view of pending transactions, no node administration', async () => {
      await assertRefused('txpool_content')
      await assertRefused('txpool_inspect')
      await assertRefused('admin_peers')
      await assertRefused('admin_addPeer', ['enode://x@127.0.0.1:30303'])
      await assertRefused('eth_newPendingTransactionFilter')
    })

    test('a batch is judged item by item', async () => {
      const recipient = Wallet.createRandom().address
      const { status, json } = await post(
        [
          { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] },
          {
            jsonrpc: '2.0',
            id: 2,
            method: 'eth_sendTransaction',
            params: [{ from: faucet.address, to: recipient, value: '0x1' }],
          },
          { jsonrpc: '2.0', id: 3, method: 'evm_increaseTime', params: [86_400] },
          { jsonrpc: '2.0', id: 4, method: 'eth_getBalance', params: [recipient, 'latest'] },
          { not: 'a request' },
        ],
        { authorization: `Bearer ${token}` },
      )
      assert.equal(status, 200)
      const refused = { code: -32601, message: 'method not available on this gateway' }
      assert.deepEqual(json, [
        { jsonrpc: '2.0', id: 1, result: '0x539' },
        { jsonrpc: '2.0', id: 2, error: refused },
        { jsonrpc: '2.0', id: 3, error: refused },
        { jsonrpc: '2.0', id: 4, result: '0x0' },
        { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'invalid request' } },
      ])
      assert.equal(await balanceOf(recipient), 0n)
    })
  })

  test('a notification (no id) gets no reply: an allowed one runs, a refused one does not', async () => {
    const recipient = Wallet.createRandom().address
    const before = await latestBlock()
    const raw = await faucet.signTransaction(
      await faucet.populateTransaction({ to: recipient, value: 5n }),
    )
    const answer = await post(
      [
        { jsonrpc: '2.0', method: 'evm_increaseTime', params: [86_400] },
        { jsonrpc: '2.0', method: 'eth_sendRawTransaction', params: [raw] },
      ],
      { authorization: `Bearer ${token}` },
    )
    assert.equal(answer.status, 204)
    assert.equal(answer.text, '')
    assert.equal(await balanceOf(recipient), 5n)
    assert.ok(Number((await latestBlock()).timestamp) - Number(before.timestamp) < 3600)
  })

  describe('what a browser or a careless client sees', () => {
    test('no CORS headers, even for a request naming an Origin, and no preflight', async () => {
      const origin = { origin: 'http://evil.example', authorization: `Bearer ${token}` }
      const answered = await post({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber' }, origin)
      assert.equal(answered.status, 200)
      const preflight = await post(
        null,
        { ...origin, 'access-control-request-method': 'POST' },
        'OPTIONS',
      )
      assert.equal(preflight.status, 405)
      for (const { headers } of [answered, preflight]) {
        assert.deepEqual(
          [...headers.keys()].filter((name) => name.startsWith('access-control-')),
          [],
        )
      }
    })

    test('GET is not served', async () => {
      const answer = await post(null, { authorization: `Bearer ${token}` }, 'GET')
      assert.equal(answer.status, 405)
      assert.equal(answer.headers.get('allow'), 'POST')
    })

    test('errors carry a code and a message, never a stack; revert data passes for decoding', async () => {
      const bad = await rpc('eth_getBalance', ['not an address', 'latest'])
      assert.deepEqual(Object.keys(bad.json.error).sort(), ['code', 'message'])
      assert.equal(bad.json.error.code, -32000)
      assert.doesNotMatch(bad.text, /stack|at .*\.js:\d+/)

      // Creation code that reverts with one word of data: 0x…01.
      const reverted = await rpc('eth_call', [{ data: '0x600160005260206000fd' }, 'latest'])
      assert.deepEqual(Object.keys(reverted.json.error).sort(), ['code', 'data', 'message'])
      assert.equal(reverted.json.error.data, `0x${'0'.repeat(63)}1`)
      assert.doesNotMatch(reverted.text, /stack|programCounter|hash/)
    })

    test('malformed JSON is a parse error; an oversized body is refused unread', async () => {
      const auth = { authorization: `Bearer ${token}` }
      const malformed = await post('{"jsonrpc":', auth)
      assert.equal(malformed.json.error.code, -32700)
      const oversized = await post(
        { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: ['x'.repeat(1024 * 1024)] },
        auth,
      )
      assert.equal(oversized.status, 413)
    })
  })

  test('listens only on the address chosen: the same port on 127.0.0.2 is closed', async () => {
    assert.deepEqual(chain.gateway, { host: '127.0.0.1', port: Number(new URL(url).port) })
    const attempt = (host: string) =>
      new Promise<string>((resolve) => {
        const socket = connect({ host, port: chain.gateway!.port })
        socket.once('connect', () => {
          socket.destroy()
          resolve('connected')
        })
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
      })
    assert.equal(await attempt('127.0.0.1'), 'connected')
    assert.equal(await attempt('127.0.0.2'), 'ECONNREFUSED')
  })
})

test('other nodes are given the public URL the administrator set, the gateway stays bound', async () => {
  const chain = await startEmbeddedChain({
    dir: await tempDir(),
    serve: { host: '127.0.0.1', port: 0, publicUrl: 'https://chain.hospital-a.example' },
    log: silentLogger,
  })
  try {
    assert.equal(chain.rpcUrl, 'https://chain.hospital-a.example')
    assert.equal(chain.gateway?.host, '127.0.0.1')
    assert.ok(chain.gateway!.port > 0)
  } finally {
    await chain.stop()
  }
})

import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, test } from 'node:test'
import { Contract, ContractFactory, Transaction, Wallet } from 'ethers'
import { registryAbi, registryBytecode } from '../../electron/node/chain/registry-artifact.ts'
import { verifyReadLog } from '../../electron/node/audit/anchor.ts'
import { listInstitutions } from '../../electron/node/identity/staff.ts'
import type { HospitalNode } from '../../electron/node/node.ts'
import { PASS, startClinic, uploadFile } from '../helpers/clinic.ts'
import { freshIndex } from '../helpers/fresh-index.ts'
import { startTestNode } from '../helpers/node.ts'
import { startServedChain } from '../helpers/served-chain.ts'

const ct = await readFile(new URL('../fixtures/CT_small.dcm', import.meta.url))

const rows = (node: HospitalNode, table: string) =>
  (node.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

test('a node that joined another chain, then another registry, shows none of the old events', async () => {
  // A hospital ran its own embedded chain: a network, staff, a patient and a record.
  const first = await startClinic()
  const record = await uploadFile(first.call, { patient: first.patient.patient.address, bytes: ct })
  assert.equal(rows(first.node, 'records'), 1)
  // The nurse's read is logged, and the administrator anchors the log on this chain.
  await first.call('records.open', { cid: record.cid })
  await first.call('session.signIn', { address: first.network.admin, passphrase: PASS })
  await first.call('audit.anchor')
  assert.equal(rows(first.node, 'audit_anchors'), 1)
  await first.stop()

  // It joins a consortium chain, whose registry already holds another institution.
  const consortium = await startServedChain()
  after(() => consortium.close())
  const admin = Wallet.createRandom().address
  const registry = new Contract(consortium.contractAddress, registryAbi, consortium.governor)
  await (await registry.getFunction('addInstitution')(admin, 'Kaohsiung Veterans')).wait()
  const joined = await startTestNode({
    dataDir: first.dataDir,
    settings: {
      chain: {
        mode: 'external',
        rpcUrl: consortium.rpcUrl,
        contractAddress: consortium.contractAddress,
      },
    },
  })
  assert.deepEqual(joined.node.chain.indexer.events(), (await freshIndex(joined.node)).events)
  assert.deepEqual(
    listInstitutions(joined.node).map((i) => i.name),
    ['Kaohsiung Veterans'],
  )
  assert.equal(rows(joined.node, 'records'), 0, 'no record of the old chain is listed')
  // What people typed at this node stays: the patient directory, staff identities, reads.
  assert.equal(rows(joined.node, 'patients'), 1)
  assert.equal(rows(joined.node, 'staff_identities'), 2)
  assert.equal(rows(joined.node, 'read_log'), 1)
  // The anchor on the old chain is not looked for on the new one: the log checks out.
  assert.deepEqual(verifyReadLog(joined.node).problems, [])
  await joined.stop()

  // The consortium deploys its registry anew on the same chain: same chain id, new address.
  const redeployed = await new ContractFactory(
    registryAbi,
    registryBytecode,
    consortium.governor,
  ).deploy(consortium.governor.address)
  await redeployed.waitForDeployment()
  const moved = await startTestNode({
    dataDir: first.dataDir,
    settings: {
      chain: {
        mode: 'external',
        rpcUrl: consortium.rpcUrl,
        contractAddress: await redeployed.getAddress(),
      },
    },
  })
  assert.equal(moved.node.chain.chainId, joined.node.chain.chainId)
  assert.deepEqual(moved.node.chain.indexer.events(), (await freshIndex(moved.node)).events)
  assert.deepEqual(listInstitutions(moved.node), [])
})

test('a transaction left open for the old network is dropped, not sent to the one joined', async () => {
  const consortium = await startServedChain()
  after(() => consortium.close())
  // A staff account that holds funds on the consortium chain, with a transaction signed for
  // that very chain id: only the network change tells it was not meant for this registry.
  const staff = Wallet.createRandom().connect(consortium.governor.provider)
  await (await consortium.governor.sendTransaction({ to: staff.address, value: 10n ** 18n })).wait()
  const raw = await staff.signTransaction(
    await staff.populateTransaction({ to: consortium.governor.address, value: 1n }),
  )
  const first = await startClinic()
  first.node.db
    .prepare(
      `INSERT INTO tx_outbox (intent, from_address, nonce, raw_tx, tx_hash, status)
       VALUES ('staff:register', ?, 0, ?, ?, 'signed')`,
    )
    .run(staff.address, raw, Transaction.from(raw).hash)
  await first.stop()

  const joined = await startTestNode({
    dataDir: first.dataDir,
    settings: {
      chain: {
        mode: 'external',
        rpcUrl: consortium.rpcUrl,
        contractAddress: consortium.contractAddress,
      },
    },
  })
  after(() => joined.stop())
  const entry = joined.node.chain.outbox.findByIntent('staff:register')
  assert.equal(entry?.status, 'dropped')
  assert.equal(await consortium.governor.provider!.getTransactionCount(staff.address), 0)
})

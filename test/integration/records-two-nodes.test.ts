import assert from 'node:assert/strict'
import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { describe, test } from 'node:test'
import { CID } from 'multiformats/cid'
import { dataPaths } from '../../electron/node/paths.ts'
import type { OpenedRecord } from '../../electron/node/records/types.ts'
import { startClinic, uploadFile } from '../helpers/clinic.ts'
import { freePort } from '../helpers/net.ts'
import { startTestNode } from '../helpers/node.ts'
import { tempDir } from '../helpers/temp.ts'

const mr = await readFile(new URL('../fixtures/MR_small.dcm', import.meta.url))

describe('a record uploaded at one hospital is read at another', async () => {
  // Hospital A serves its embedded chain; hospital B follows it and joins A's private swarm.
  const a = await startClinic({
    settings: { chain: { mode: 'embedded', rpcPort: await freePort() } },
  })
  const uploaded = await uploadFile(a.call, {
    patient: a.patient.patient.address,
    bytes: mr,
    fileName: 'mr.dcm',
  })
  const statusA = await a.node.status()

  const bDir = await tempDir()
  await mkdir(dataPaths(bDir).ipfs, { recursive: true })
  await copyFile(dataPaths(a.dataDir).swarmKey, dataPaths(bDir).swarmKey)
  const b = await startTestNode({
    dataDir: bDir,
    settings: {
      chain: {
        mode: 'external',
        rpcUrl: statusA.chain.rpcUrl!,
        contractAddress: statusA.chain.contractAddress,
      },
      ipfs: {
        listenPort: 0,
        peers: [statusA.ipfs.listenAddresses.find((m) => m.startsWith('/ip4/127.0.0.1'))!],
      },
    },
  })

  test('B sees the anchor on the shared chain but has none of the blocks', async () => {
    const anchor = await b.call<{ recordId: number; uploader: string }>('records.lookup', {
      cid: uploaded.cid,
    })
    assert.equal(anchor.recordId, uploaded.recordId)
    assert.equal(anchor.uploader.toLowerCase(), a.nurse)
    assert.equal(await b.node.ipfs.hasBlock(CID.parse(uploaded.cid)), false)
  })

  test('the patient signs in at B and reads it, fetched from A through the swarm', async () => {
    const patient = await b.call<{ address: string }>('accounts.importKeystore', {
      label: 'Patient',
      json: a.patient.keystoreJson,
      passphrase: a.patient.passphrase,
    })
    await b.call('session.signIn', { address: patient.address, passphrase: a.patient.passphrase })
    const opened = await b.call<OpenedRecord>('records.open', { cid: uploaded.cid })
    assert.ok(Buffer.from(opened.contentBase64, 'base64').equals(mr))
    assert.equal(opened.details.fileName, 'mr.dcm')
    assert.equal(await b.node.ipfs.hasBlock(CID.parse(uploaded.cid)), true)
    assert.ok((await b.node.status()).ipfs.connectedPeers.includes(statusA.ipfs.peerId))
  })
})

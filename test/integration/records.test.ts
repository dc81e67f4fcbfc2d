import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { CID } from 'multiformats/cid'
import { dataPaths } from '../../electron/node/paths.ts'
import type { OpenedRecord, RecordView } from '../../electron/node/records/types.ts'
import { PASS, startClinic, uploadFile } from '../helpers/clinic.ts'

const ct = await readFile(new URL('../fixtures/CT_small.dcm', import.meta.url))
const expectCode = (code: string) => (error: { code?: string }) => error.code === code

/** Every block file of a node's blockstore, to damage them as a disk fault or an attacker would. */
async function blockFiles(dataDir: string): Promise<string[]> {
  const root = join(dataPaths(dataDir).ipfs, 'blocks')
  const files: string[] = []
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.data'))
      files.push(join(entry.parentPath, entry.name))
  }
  return files
}

async function fileHolding(dataDir: string, bytes: Uint8Array): Promise<string> {
  for (const file of await blockFiles(dataDir)) {
    if (Buffer.from(await readFile(file)).equals(Buffer.from(bytes))) return file
  }
  throw new Error('no block file holds those bytes')
}

describe('records on one node', async () => {
  const { node, call, patient, dataDir } = await startClinic()
  const first = await uploadFile(call, { patient: patient.patient.address, bytes: ct })

  test('an upload is encrypted, added to IPFS, anchored as record 1 version 1', async () => {
    assert.deepEqual([first.recordId, first.version], [1, 1])
    assert.match(first.cid, /^bafkrei[a-z2-7]+$/)
    const anchored = await call<{ recordId: number; patient: string }>('records.lookup', {
      cid: first.cid,
    })
    assert.deepEqual([anchored.recordId, anchored.patient], [1, patient.patient.address])
    // The file's bytes are nowhere in the blockstore in clear.
    for (const file of await blockFiles(dataDir)) {
      assert.equal(Buffer.from(await readFile(file)).includes(ct.subarray(200, 264)), false)
    }
  })

  test('the uploader opens it: same bytes, verified against the anchored CID', async () => {
    const opened = await call<OpenedRecord>('records.open', { cid: first.cid })
    assert.ok(Buffer.from(opened.contentBase64, 'base64').equals(ct))
    assert.equal(opened.details.fileName, 'scan.dcm')
    assert.equal(opened.details.size, ct.length)
    assert.equal(opened.integrity.manifestCid, first.cid)
    assert.equal(opened.integrity.segmentsVerified, 1)
  })

  test('the same file again is refused, naming the existing record', async () => {
    const events = node.chain.indexer.events('RecordAnchored').length
    await assert.rejects(
      uploadFile(call, { patient: patient.patient.address, bytes: ct }),
      (error: { code: string; message: string }) => {
        assert.equal(error.code, 'ERR_DUPLICATE_RECORD')
        assert.match(error.message, /record 1, version 1/)
        return true
      },
    )
    assert.equal(node.chain.indexer.events('RecordAnchored').length, events)
  })

  test('an edit is a new version; the history lists both and version 1 stays readable', async () => {
    const edited = Buffer.concat([ct, Buffer.from('annotated')])
    const second = await uploadFile(call, {
      patient: patient.patient.address,
      recordId: 1,
      bytes: edited,
      title: 'Chest X-ray, annotated',
    })
    assert.deepEqual([second.recordId, second.version], [1, 2])
    const [record] = await call<RecordView[]>('records.list', { patient: patient.patient.address })
    assert.deepEqual(
      record!.versions.map((v) => [v.version, v.details?.title]),
      [
        [2, 'Chest X-ray, annotated'],
        [1, 'Chest X-ray'],
      ],
    )
    const old = await call<OpenedRecord>('records.open', { cid: first.cid })
    assert.ok(Buffer.from(old.contentBase64, 'base64').equals(ct))
  })

  test('uploads are refused before any work for a non-staff uploader or an unregistered patient', async () => {
    await assert.rejects(
      call('records.uploadStart', {
        patient: '0x' + '12'.repeat(20),
        size: 1,
        details: {
          title: 't',
          category: 'other',
          dateOfCare: '2026-01-01',
          fileName: 'a.txt',
          mime: 'text/plain',
        },
      }),
      expectCode('ERR_NOT_REGISTERED_PATIENT'),
    )
    await call('session.signOut')
    await assert.rejects(call('records.open', { cid: first.cid }), expectCode('ERR_VAULT_LOCKED'))
  })

  test('the patient, signed in with the exported keystore, reads the record', async () => {
    const imported = await call<{ address: string }>('accounts.importKeystore', {
      label: 'Patient',
      json: patient.keystoreJson,
      passphrase: patient.passphrase,
    })
    await call('session.signIn', { address: imported.address, passphrase: patient.passphrase })
    const opened = await call<OpenedRecord>('records.open', { cid: first.cid })
    assert.ok(Buffer.from(opened.contentBase64, 'base64').equals(ct))
    await assert.rejects(
      uploadFile(call, { patient: patient.patient.address, bytes: randomBytes(10) }),
      expectCode('ERR_FORBIDDEN'),
    )
  })

  test('a flipped bit, a swapped manifest or a truncated block is refused as tampering', async () => {
    await call('session.signIn', {
      address: (await call<{ address: string; label: string }[]>('accounts.list')).find(
        (a) => a.label === 'Nurse',
      )!.address,
      passphrase: PASS,
    })
    const a = await uploadFile(call, {
      patient: patient.patient.address,
      bytes: randomBytes(300_000),
      title: 'Lab A',
    })
    const b = await uploadFile(call, {
      patient: patient.patient.address,
      bytes: randomBytes(5_000),
      title: 'Lab B',
    })
    const manifestA = await node.ipfs.getBlock(CID.parse(a.cid))
    const manifestB = await node.ipfs.getBlock(CID.parse(b.cid))

    // A swapped manifest: record A's block file now holds record B's manifest.
    const fileA = await fileHolding(dataDir, manifestA)
    await writeFile(fileA, manifestB)
    await assert.rejects(call('records.open', { cid: a.cid }), expectCode('ERR_TAMPERED'))
    await writeFile(fileA, manifestA)

    // A flipped bit in B's content, then a truncated block.
    const contentB = JSON.parse(Buffer.from(manifestB).toString()).content as string
    const fileB = await fileHolding(dataDir, await node.ipfs.getBlock(CID.parse(contentB)))
    const original = await readFile(fileB)
    const flipped = Buffer.from(original)
    flipped[flipped.length - 20]! ^= 0x01
    await writeFile(fileB, flipped)
    await assert.rejects(call('records.open', { cid: b.cid }), expectCode('ERR_TAMPERED'))
    await truncate(fileB, (await stat(fileB)).size - 100)
    await assert.rejects(call('records.open', { cid: b.cid }), expectCode('ERR_TAMPERED'))
    await writeFile(fileB, original)
    const restored = await call<OpenedRecord>('records.open', { cid: b.cid })
    assert.equal(restored.details.title, 'Lab B')
  })
})

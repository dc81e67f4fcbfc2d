import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash, randomInt } from 'node:crypto'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'node:test'
import type { OpenedRecord } from '../../electron/node/records/types.ts'
import { startClinic } from '../helpers/clinic.ts'
import { startTestNode } from '../helpers/node.ts'

const KILLS = 8

/** Runs the upload worker until `ready`, lets it upload for a random while, then kills it hard. */
async function runAndKill(
  dataDir: string,
  nurse: string,
  patient: string,
): Promise<Map<string, string>> {
  const worker = spawn(
    process.execPath,
    ['test/helpers/upload-worker.ts', dataDir, nurse, patient],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const done = new Map<string, string>()
  const exited = new Promise((resolve) => worker.once('exit', resolve))
  let ready: () => void
  const isReady = new Promise<void>((resolve) => (ready = resolve))
  createInterface({ input: worker.stdout! }).on('line', (line) => {
    const [word, cid, sha256] = line.split(' ')
    if (word === 'ready') ready()
    if (word === 'done') done.set(cid!, sha256!)
  })
  await Promise.race([isReady, exited])
  await sleep(randomInt(0, 2_000))
  worker.kill('SIGKILL')
  await exited
  return done
}

test('uploads killed at random points are resumed or rolled back, never lost or doubled', async () => {
  const clinic = await startClinic()
  const { dataDir, nurse } = clinic
  const patient = clinic.patient.patient.address
  await clinic.stop()

  const reported = new Map<string, string>()
  let rolledBack = 0
  for (let kill = 0; kill < KILLS; kill++) {
    for (const [cid, sha256] of await runAndKill(dataDir, nurse, patient)) reported.set(cid, sha256)

    const { node, call, stop } = await startTestNode({ dataDir })
    const unfinished = node.db
      .prepare(`SELECT COUNT(*) AS n FROM uploads WHERE state IN ('adding', 'anchoring')`)
      .get() as { n: number }
    assert.equal(unfinished.n, 0, 'every interrupted upload is settled at start')

    const anchored = node.chain.indexer.events('RecordAnchored')
    const done = node.db
      .prepare(`SELECT COUNT(*) AS n FROM uploads WHERE state = 'done'`)
      .get() as { n: number }
    assert.equal(anchored.length, done.n, 'each anchored record is exactly one finished upload')
    assert.equal(
      new Set(anchored.map((e) => `${e.args.cidPrefix}${e.args.cidDigest}`)).size,
      anchored.length,
      'no CID anchored twice',
    )

    await call('session.signIn', { address: nurse, passphrase: 'correct horse battery' })
    for (const [cid, sha256] of reported) {
      const opened = await call<OpenedRecord>('records.open', { cid })
      const actual = createHash('sha256')
        .update(Buffer.from(opened.contentBase64, 'base64'))
        .digest('hex')
      assert.equal(actual, sha256, `upload ${cid} reported done is readable and intact`)
    }
    rolledBack = (
      node.db.prepare(`SELECT COUNT(*) AS n FROM uploads WHERE state = 'rolled-back'`).get() as {
        n: number
      }
    ).n
    await stop()
  }
  assert.ok(reported.size > 0, 'the workers finished some uploads before being killed')
  assert.ok(rolledBack > 0, 'some kills interrupted an upload midway')
})

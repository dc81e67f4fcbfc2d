import { readFile } from 'node:fs/promises'
import { expect, test } from './fixtures.ts'
import { makePng } from './sampleFiles.ts'
import { callApi, setUpClinic } from './steps.ts'

/**
 * The audit trail (issue 5): an upload and a read made through the api show in the timeline
 * with who did them; the filter narrows it to one action; both exports carry the read; and the
 * read log verifies as intact.
 */

interface UploadResult {
  recordId: number
  version: number
  cid: string
}

test('the audit trail shows uploads and reads, filters, exports and verifies', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  const clinic = await setUpClinic(page)

  // The nurse uploads a record for the patient and opens it, both through the api.
  const image = makePng(64, 48, 40)
  const { uploadId } = await callApi<{ uploadId: string }>(page, 'records.uploadStart', {
    patient: clinic.patient.address,
    size: image.length,
    details: {
      title: 'Chest X-ray',
      category: 'imaging',
      dateOfCare: '2025-03-01',
      fileName: 'chest-xray.png',
      mime: 'image/png',
    },
  })
  await callApi(page, 'records.uploadChunk', { uploadId, data: image.toString('base64') })
  const upload = await callApi<UploadResult>(page, 'records.uploadFinish', { uploadId })
  await callApi(page, 'records.open', { cid: upload.cid, purpose: 'treatment' })

  // The trail is not a nurse's to read; the administrator reads it.
  const auditLink = page.getByRole('navigation').getByRole('link', { name: 'Audit trail' })
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Patients' })).toBeVisible()
  await expect(auditLink).toHaveCount(0)
  await callApi(page, 'session.signIn', clinic.admin)
  await page.reload()

  // The timeline lists both, newest first, each with who did it.
  await auditLink.click()
  await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible()
  const rows = page.getByTestId('audit-row')
  const read = rows.and(page.locator('[data-action="record-read"]'))
  const uploaded = rows.and(page.locator('[data-action="record-uploaded"]'))
  await expect(read).toHaveCount(1)
  await expect(uploaded).toHaveCount(1)
  await expect(read.getByTestId('audit-action')).toHaveText('Record read')
  await expect(read.getByTestId('audit-actor')).toHaveText('Chen Ya-Ting')
  await expect(read.getByTestId('audit-patient')).toHaveText(clinic.patient.name)
  await expect(read.getByTestId('audit-record')).toHaveText(`#${upload.recordId} · v1`)
  await expect(read.getByTestId('audit-purpose')).toHaveText('Treatment')
  await expect(uploaded.getByTestId('audit-actor')).toHaveText('Chen Ya-Ting')
  await expect(uploaded.getByTestId('audit-tx')).toHaveAttribute('title', /^0x[0-9a-f]{64}$/i)
  // Newest first: the read came after the upload.
  const actions = await rows.evaluateAll((all) => all.map((row) => row.dataset.action))
  expect(actions.indexOf('record-read')).toBeLessThan(actions.indexOf('record-uploaded'))

  // Filtering by action leaves only reads.
  await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Record read' })
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toHaveAttribute('data-action', 'record-read')
  await expect(page.getByTestId('audit-count')).toHaveText('1 event')

  // CSV of what the filter shows: the read's row.
  const csvDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const csv = await readFile((await (await csvDownload).path())!, 'utf8')
  expect((await csvDownload).suggestedFilename()).toMatch(/\.csv$/)
  const csvLines = csv.trim().split(/\r?\n/)
  expect(csvLines).toHaveLength(2)
  expect(csvLines[1]).toContain('record-read')
  expect(csvLines[1]!.toLowerCase()).toContain(clinic.nurse.address.toLowerCase())

  // FHIR: a Bundle of AuditEvent resources.
  const fhirDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export FHIR' }).click()
  const bundle = JSON.parse(await readFile((await (await fhirDownload).path())!, 'utf8')) as {
    resourceType: string
    entry: { resource: { resourceType: string } }[]
  }
  expect(bundle.resourceType).toBe('Bundle')
  expect(bundle.entry).toHaveLength(1)
  expect(bundle.entry.every(({ resource }) => resource.resourceType === 'AuditEvent')).toBe(true)

  // Clearing the filter brings the whole trail back.
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(uploaded).toHaveCount(1)

  // The read log verifies: one entry, not yet anchored; anchoring puts its head on chain.
  const verdict = page.getByTestId('audit-verdict')
  await expect(verdict).toHaveAttribute('data-ok', 'true')
  await expect(verdict).toContainText('Read log intact')
  await expect(verdict).toContainText('1 entry')
  await page.getByRole('button', { name: 'Anchor on chain now' }).click()
  await expect(page.getByTestId('receipt-card')).toContainText('Read log anchored: 1 entry', {
    timeout: 30_000,
  })
  await expect(verdict).toContainText('1 anchor on the chain matches')
  await expect(page.getByTestId('audit-anchor')).toHaveAttribute('data-ok', 'true')
  await expect(rows.and(page.locator('[data-action="audit-anchored"]'))).toHaveCount(1)

  // Nothing has been read since: a second anchor has nothing to add.
  await page.getByRole('button', { name: 'Anchor on chain now' }).click()
  await expect(page.getByTestId('audit-nothing-to-anchor')).toBeVisible()
})

import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { setUpClinic } from './steps.ts'

/**
 * A reload in the middle of an upload: the page warns before it goes, and on return the nurse
 * finds the unfinished upload, resumes it by choosing the same file again (another file of the
 * same size is refused), or discards it.
 */

const MiB = 1024 * 1024
const export1 = {
  name: 'study-export.zip',
  mimeType: 'application/zip',
  buffer: randomBytes(10 * MiB),
}
const export2 = {
  name: 'second-export.zip',
  mimeType: 'application/zip',
  buffer: randomBytes(9 * MiB),
}

/**
 * Starts uploading `file` from the open chart and reloads once the node has taken its first
 * chunk (the next chunk is held, so the reload comes mid-file whatever the machine's speed).
 * Returns the type of the dialog the page raised on the way out.
 */
async function uploadThenReload(page: Page, file: typeof export1): Promise<string> {
  let chunks = 0
  let releaseHeld = (): void => undefined
  const held = new Promise<void>((resolve) => (releaseHeld = resolve))
  const route = '**/api/records.uploadChunk'
  await page.route(route, async (request) => {
    chunks += 1
    if (chunks === 1) return request.continue()
    // Later chunks never reach the node: they wait for the reload, then are dropped, so that
    // no request stays open and holds one of the browser's few connections to the node.
    await held
    await request.abort().catch(() => undefined)
  })
  await page.getByRole('button', { name: 'Upload record' }).click()
  const drawer = page.getByRole('dialog', { name: 'Upload records' })
  await drawer.getByTestId('upload-input').setInputFiles(file)
  await drawer.getByLabel('Category').selectOption({ label: 'Other' })
  await drawer.getByRole('button', { name: 'Upload 1 file' }).click()
  await expect.poll(() => chunks, { timeout: 60_000 }).toBeGreaterThanOrEqual(2)

  const dialog = new Promise<string>((resolve) =>
    page.once('dialog', (shown) => {
      resolve(shown.type())
      void shown.accept()
    }),
  )
  await page.reload()
  releaseHeld()
  await page.unroute(route)
  return dialog
}

test('a reload mid-upload warns, then the upload resumes with the same file or is discarded', async ({
  app,
}) => {
  test.setTimeout(180_000)
  const { page } = app
  const clinic = await setUpClinic(page)
  await page.getByRole('navigation').getByRole('link', { name: 'Patient records' }).click()
  await page.getByRole('button', { name: `Open the chart of ${clinic.patient.name}` }).click()
  await expect(page.getByTestId('no-records')).toBeVisible()

  // 1. The reload is warned about, and the upload is waiting on return.
  expect(await uploadThenReload(page, export1)).toBe('beforeunload')
  const unfinished = page.getByTestId('unfinished-upload')
  await expect(unfinished).toHaveCount(1)
  await expect(unfinished).toHaveAttribute('data-file', export1.name)
  await expect(unfinished).toContainText(clinic.patient.name)
  await expect(unfinished).toContainText('4.2 MB of 10.5 MB sent')
  await expect(page.getByTestId('no-records')).toBeVisible()

  // 2. Another file of the same size is not taken for it.
  const impostor = { ...export1, buffer: randomBytes(export1.buffer.length) }
  let chooser = page.waitForEvent('filechooser')
  await unfinished.getByRole('button', { name: 'Resume: choose the file' }).click()
  await (await chooser).setFiles(impostor)
  await expect(unfinished.getByTestId('unfinished-mismatch')).toBeVisible()

  // 3. The same file resumes where the node stopped, and is anchored whole.
  chooser = page.waitForEvent('filechooser')
  await unfinished.getByRole('button', { name: 'Resume: choose the file' }).click()
  await (await chooser).setFiles(export1)
  await expect(unfinished.getByTestId('upload-result-record-id')).toHaveText('1', {
    timeout: 60_000,
  })
  await unfinished.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByTestId('unfinished-uploads')).toBeHidden()
  const rows = page.getByTestId('record-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(export1.name)

  // 4. A second interrupted upload is discarded: nothing is anchored.
  await uploadThenReload(page, export2)
  await expect(unfinished).toHaveAttribute('data-file', export2.name)
  await unfinished.getByRole('button', { name: 'Discard' }).click()
  await page
    .getByRole('dialog', { name: 'Discard this upload?' })
    .getByRole('button', { name: 'Discard' })
    .click()
  await expect(page.getByTestId('unfinished-uploads')).toBeHidden()
  await page.reload()
  await expect(rows).toHaveCount(1)
  await expect(page.getByTestId('unfinished-uploads')).toBeHidden()
})

import { readFile } from 'node:fs/promises'
import { expect, test } from './fixtures.ts'
import { makePdf, makePng } from './sampleFiles.ts'
import { setUpClinic } from './steps.ts'

/**
 * Medical records (paper Fig. 3) on a fresh node: a nurse uploads an image and a PDF for a patient,
 * opens both behind the integrity check, uploads a new version of the image, and finds both
 * versions in the record's history.
 */

const CID = /^b[a-z2-7]{20,}$/
const TX_HASH = /^0x[0-9a-fA-F]{64}$/

const xray = { name: 'chest-xray.png', mimeType: 'image/png', buffer: makePng(320, 240, 10) }
const xrayRetake = {
  name: 'chest-xray-retake.png',
  mimeType: 'image/png',
  buffer: makePng(320, 240, 90),
}
const letter = {
  name: 'discharge-letter.pdf',
  mimeType: 'application/pdf',
  buffer: makePdf([
    { heading: 'Discharge summary', lines: ['Community-acquired pneumonia, recovered.'] },
    { heading: 'Medication', lines: ['Amoxicillin 500 mg three times daily, 5 days.'] },
  ]),
}

test('staff upload records, open them verified, and add a new version', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  const clinic = await setUpClinic(page)

  // The nurse opens the patient's chart from the records screen.
  await page.getByRole('navigation').getByRole('link', { name: 'Patient records' }).click()
  await page.getByRole('button', { name: `Open the chart of ${clinic.patient.name}` }).click()
  await expect(page.getByTestId('chart-patient-name')).toHaveText(clinic.patient.name)
  await expect(page.getByTestId('no-records')).toBeVisible()

  // 1. Two files in one upload, one after the other, each with its anchor.
  await page.getByRole('button', { name: 'Upload record' }).click()
  const drawer = page.getByRole('dialog', { name: 'Upload records' })
  await expect(drawer.getByTestId('upload-patient')).toContainText(clinic.patient.name)
  await drawer.getByTestId('upload-input').setInputFiles([xray, letter])
  await drawer.getByLabel('Category').selectOption({ label: 'Imaging' })
  await drawer.getByRole('button', { name: 'Upload 2 files' }).click()

  const results = drawer.getByTestId('upload-result')
  await expect(results).toHaveCount(2, { timeout: 60_000 })
  for (const [index, file] of [xray, letter].entries()) {
    const item = drawer.getByTestId('upload-item').filter({ hasText: file.name })
    await expect(item.getByTestId('upload-progress')).toHaveAttribute('data-status', 'mined')
    await expect(item.getByTestId('upload-result-record-id')).toHaveText(String(index + 1))
    await expect(item.getByTestId('upload-result-version')).toHaveText('1')
    await expect(item.getByTestId('upload-result-cid')).toHaveText(CID)
    await expect(item.getByTestId('receipt-tx-hash')).toHaveText(TX_HASH)
    await expect(item.getByTestId('receipt-gas-used')).not.toHaveText('0')
  }
  await drawer.getByRole('button', { name: 'Done' }).click()
  await expect(drawer).toBeHidden()

  const rows = page.getByTestId('record-row')
  await expect(rows).toHaveCount(2)
  const xrayRow = rows.filter({ hasText: xray.name })
  const letterRow = rows.filter({ hasText: letter.name })

  // 2. Opening checks the anchor before anything is shown: the image…
  await xrayRow.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page.getByTestId('integrity-badge')).toContainText('Verified', { timeout: 30_000 })
  await expect(page.getByTestId('integrity-badge')).toContainText('Record 1, version 1')
  await expect(page.getByTestId('viewer-image')).toBeVisible()
  expect(
    await page
      .getByTestId('viewer-image')
      .evaluate((image: HTMLImageElement) => image.naturalWidth),
  ).toBe(320)
  await page.getByRole('link', { name: /Back to the chart/ }).click()

  // …and the PDF, drawn by pdf.js on a canvas, page by page.
  await letterRow.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page.getByTestId('integrity-badge')).toContainText('Verified', { timeout: 30_000 })
  const canvas = page.getByTestId('viewer-pdf-canvas')
  await expect(canvas).toBeVisible()
  await expect(canvas).toHaveAttribute('data-rendered-page', '1')
  await expect(page.getByTestId('pdf-page')).toHaveText('Page 1 of 2')
  await page.getByRole('button', { name: 'Next page' }).click()
  await expect(canvas).toHaveAttribute('data-rendered-page', '2')
  await page.getByRole('link', { name: /Back to the chart/ }).click()

  // 3. Editing the image uploads a new version of the same record.
  await xrayRow.getByRole('button', { name: 'New version' }).click()
  const versionDrawer = page.getByRole('dialog', { name: 'New version of record 1' })
  await versionDrawer.getByTestId('upload-input').setInputFiles(xrayRetake)
  await versionDrawer.getByRole('button', { name: 'Upload 1 file' }).click()
  await expect(versionDrawer.getByTestId('upload-result-record-id')).toHaveText('1', {
    timeout: 60_000,
  })
  await expect(versionDrawer.getByTestId('upload-result-version')).toHaveText('2')
  await versionDrawer.getByRole('button', { name: 'Done' }).click()

  // 4. The chart shows v2 as the latest, and the history keeps both versions.
  const updated = rows.filter({ hasText: xrayRetake.name })
  await expect(updated.getByTestId('record-latest-version')).toHaveText('v2')
  await updated.getByRole('button', { name: /Version history of record 1/ }).click()
  const versions = page.getByTestId('version-history').getByTestId('version-row')
  await expect(versions).toHaveCount(2)
  await expect(versions.nth(0)).toHaveAttribute('data-version', '2')
  await expect(versions.nth(0)).toContainText(xrayRetake.name)
  await expect(versions.nth(1)).toHaveAttribute('data-version', '1')
  await expect(versions.nth(1)).toContainText(xray.name)

  // The first version still opens, verified, from the history.
  await versions.nth(1).getByRole('button', { name: 'Open version 1' }).click()
  await expect(page.getByTestId('integrity-badge')).toContainText('version 1', { timeout: 30_000 })
  await expect(page.getByTestId('viewer-image')).toBeVisible()
})

test('a DICOM study opens with its tags and a rendered frame', async ({ app }) => {
  test.setTimeout(90_000)
  const { page } = app
  const clinic = await setUpClinic(page)
  const ct = {
    name: 'CT_small.dcm',
    mimeType: 'application/dicom',
    buffer: await readFile(new URL('../fixtures/CT_small.dcm', import.meta.url)),
  }

  await page.getByRole('navigation').getByRole('link', { name: 'Patient records' }).click()
  await page.getByRole('button', { name: `Open the chart of ${clinic.patient.name}` }).click()
  await page.getByRole('button', { name: 'Upload record' }).click()
  const drawer = page.getByRole('dialog', { name: 'Upload records' })
  await drawer.getByTestId('upload-input').setInputFiles(ct)
  await drawer.getByLabel('Category').selectOption({ label: 'Imaging' })
  // The sample names another patient: the nurse is asked, and nothing is sent until she confirms.
  await expect(drawer).toContainText(
    `The DICOM file names the patient “CompressedSamples CT1”, but this chart is ${clinic.patient.name}'s.`,
  )
  await drawer.getByRole('button', { name: 'Upload 1 file' }).click()
  await expect(drawer.getByTestId('upload-result-record-id')).toHaveCount(0)
  await drawer.getByRole('checkbox', { name: 'I checked: upload this file as it is' }).check()
  await drawer.getByRole('button', { name: 'Upload 1 file' }).click()
  await expect(drawer.getByTestId('upload-result-record-id')).toHaveText('1', { timeout: 60_000 })
  await drawer.getByRole('button', { name: 'Done' }).click()

  await page.getByTestId('record-row').getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page.getByTestId('integrity-badge')).toContainText('Verified', { timeout: 30_000 })
  await expect(page.getByTestId('viewer-dicom-canvas')).toBeVisible()
  await expect(page.getByText('Modality')).toBeVisible()
  await expect(page.getByText('128 × 128')).toBeVisible()
})

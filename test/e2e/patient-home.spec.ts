import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { callApi, setUpClinic } from './steps.ts'

/**
 * A patient signs in on a workstation and lands on their own home: their record (which opens),
 * the request a nurse sent them (which they decline), and their trail. Signing in as a patient
 * used to bounce between `#/` and `#/registration` hundreds of times a second until the idle
 * lock; the spec counts the router's address changes.
 */

/** Counts every address change the app makes (React Router's hash history uses both). */
async function countNavigations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counter = window as unknown as { navigations: number }
    counter.navigations = 0
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method].bind(history)
      history[method] = (...args: Parameters<History['pushState']>) => {
        counter.navigations += 1
        original(...args)
      }
    }
  })
}

const navigations = (page: Page) =>
  page.evaluate(() => (window as unknown as { navigations: number }).navigations)

test('a patient signs in and lands on their own home, without a redirect loop', async ({ app }) => {
  test.setTimeout(150_000)
  const { page } = app
  const clinic = await setUpClinic(page)
  const note = Buffer.from('Discharge summary: recovered well, follow-up in two weeks.\n')
  const { uploadId } = await callApi<{ uploadId: string }>(page, 'records.uploadStart', {
    patient: clinic.patient.address,
    size: note.length,
    details: {
      title: 'Discharge summary',
      category: 'clinical-note',
      dateOfCare: '2026-11-20',
      fileName: 'discharge.txt',
      mime: 'text/plain',
    },
  })
  await callApi(page, 'records.uploadChunk', { uploadId, data: note.toString('base64') })
  await callApi(page, 'records.uploadFinish', { uploadId })
  await callApi(page, 'access.request', { patient: clinic.patient.address, purpose: 'referral' })
  // The patient brings their key file to this workstation and signs in with it.
  await callApi(page, 'accounts.importKeystore', {
    label: 'Wang (patient)',
    json: clinic.patient.keystoreJson,
    passphrase: clinic.patient.passphrase,
  })
  await callApi(page, 'session.signOut')

  await countNavigations(page)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  const before = await navigations(page)
  await page
    .getByLabel('Account', { exact: true })
    .selectOption(clinic.patient.address.toLowerCase())
  await page.getByLabel('Passphrase', { exact: true }).fill(clinic.patient.passphrase)
  await page.getByRole('button', { name: 'Sign in' }).click()

  // 1. Home, once: the records, the nurse's request, the trail.
  await expect(page.getByRole('heading', { name: 'My health records', level: 1 })).toBeVisible()
  await expect(page).toHaveURL(/#\/my-records$/)
  const row = page.getByTestId('record-row')
  await expect(row).toContainText('Discharge summary', { timeout: 30_000 })
  const request = page.getByTestId('request-row').filter({ hasText: 'Chen Ya-Ting' })
  await expect(request.getByTestId('request-purpose')).toHaveText('Referral')
  await expect(page.getByRole('region', { name: 'Recent activity' })).toContainText('Chen Ya-Ting')
  // Sign-in to home is a couple of address changes; the loop made hundreds.
  expect((await navigations(page)) - before).toBeLessThanOrEqual(3)
  await expect(page).toHaveURL(/#\/my-records$/)

  // 2. The record opens in the viewer, and the way back leads to the patient's chart.
  await row.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page.getByTestId('integrity-badge')).toContainText('Verified', { timeout: 30_000 })
  await expect(page.getByText('recovered well, follow-up in two weeks')).toBeVisible()
  await page.getByRole('navigation').getByRole('link', { name: 'My records' }).click()

  // 3. The patient declines the request: it leaves the list, and nothing was granted.
  await request.getByRole('button', { name: 'Decline the request of Chen Ya-Ting' }).click()
  await expect(page.getByTestId('declined-notice')).toContainText('Chen Ya-Ting')
  await expect(page.getByTestId('no-requests')).toBeVisible()
  await expect(page.getByTestId('no-grants')).toBeVisible()
})

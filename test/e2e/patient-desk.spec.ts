import { expect, test } from './fixtures.ts'
import { setUpClinic } from './steps.ts'

/**
 * The registration desk shows a new patient's key file and passphrase once. Leaving the result
 * before staff confirm the hand-over (another screen, closing or reloading the page) asks first;
 * once they confirm, the desk lets them go, and the patient's search result opens their chart.
 */
test('leaving the desk result asks first, until the key is handed over; results open the chart', async ({
  app,
}) => {
  test.setTimeout(120_000)
  const { page } = app
  await setUpClinic(page)
  const nav = page.getByRole('navigation')
  await nav.getByRole('link', { name: 'Patients' }).click()
  await page.getByLabel('Name', { exact: true }).fill('Lin Shu-Fen')
  await page.getByLabel('Medical record number').fill('MRN-2024-0077')
  await page.getByLabel('Birth date').fill('1975-09-02')
  await page.getByRole('button', { name: 'Register patient' }).click()
  const passphrase = page.getByTestId('patient-passphrase')
  await expect(passphrase).toBeVisible({ timeout: 30_000 })
  const shown = await passphrase.innerText()

  // 1. Another screen: the desk asks, and staying keeps the passphrase on screen.
  await nav.getByRole('link', { name: 'Staff directory' }).click()
  const ask = page.getByRole('dialog', { name: 'Leave without handing over the key?' })
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Cancel' }).click()
  await expect(ask).toBeHidden()
  await expect(page).toHaveURL(/#\/patients$/)
  await expect(passphrase).toHaveText(shown)

  // 2. Closing or reloading the tab: the browser's own prompt; dismissed, the page stays.
  const prompt = page.waitForEvent('dialog')
  await page.close({ runBeforeUnload: true })
  const dialog = await prompt
  expect(dialog.type()).toBe('beforeunload')
  await dialog.dismiss()
  expect(page.isClosed()).toBe(false)
  await expect(passphrase).toHaveText(shown)

  // 3. Leaving anyway, from the desk's own button, is a choice the dialog names.
  await page.getByRole('button', { name: 'Register another patient' }).click()
  await expect(ask).toContainText('nobody can show it or its passphrase again')
  await ask.getByRole('button', { name: 'Cancel' }).click()

  // 4. Once staff confirm the hand-over, the desk lets them go without asking.
  await page.getByLabel('The patient has the key file and its passphrase').check()
  await nav.getByRole('link', { name: 'Staff directory' }).click()
  await expect(page.getByRole('heading', { name: 'Staff directory', level: 1 })).toBeVisible()
  await expect(ask).toHaveCount(0)

  // 5. Back at the desk, the search result opens the new patient's chart.
  await nav.getByRole('link', { name: 'Patients' }).click()
  await page.getByRole('link', { name: 'Open the chart of Lin Shu-Fen' }).click()
  await expect(page.getByTestId('chart-patient-name')).toHaveText('Lin Shu-Fen')
})

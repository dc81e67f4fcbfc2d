/**
 * The node's errors reach the UI by code and are said in the chosen language: a wrong
 * passphrase at sign-in, in 繁體中文.
 */
import zhTW from '../../renderer/src/i18n/zh-TW.json' with { type: 'json' }
import { expect, test } from './fixtures.ts'
import { callApi, setUpClinic } from './steps.ts'

test('a wrong passphrase at sign-in is said in Traditional Chinese', async ({ app }) => {
  test.setTimeout(180_000)
  const { page } = app
  const clinic = await setUpClinic(page)
  await callApi(page, 'session.signOut')
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  await page.getByTestId('language-switcher').getByText('繁體中文').click()
  await expect(page.getByRole('heading', { name: zhTW.signIn.title })).toBeVisible()

  await page.getByLabel(zhTW.fields.account, { exact: true }).selectOption(clinic.nurse.address)
  await page.getByLabel(zhTW.fields.passphrase, { exact: true }).fill('not the passphrase')
  await page.getByRole('button', { name: zhTW.signIn.submit }).click()

  const alert = page.getByTestId('error-alert')
  await expect(alert.getByTestId('error-message')).toHaveText(
    zhTW.errors.codes.ERR_WRONG_PASSPHRASE,
  )
  await expect(alert.getByTestId('error-code')).toHaveText('ERR_WRONG_PASSPHRASE')
  // The node's English sentence is not shown.
  await expect(alert).not.toContainText('The passphrase is wrong')
})

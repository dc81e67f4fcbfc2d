import { expect, test } from './fixtures.ts'
import { callApi } from './steps.ts'

/**
 * The governor, signed in, lands on the Institutions screen and adds a second hospital with the
 * account its administrator sent; the new administrator then signs in as that hospital's.
 */
test('the governor adds a hospital and its first administrator', async ({ app }) => {
  test.setTimeout(120_000)
  const { page } = app
  const governor = { passphrase: 'governor long passphrase' }
  const network = await callApi<{ governor: string }>(page, 'setup.createNetwork', {
    institutionName: 'Taipei Municipal General Hospital',
    governor: { label: 'IT governor', passphrase: governor.passphrase },
    admin: {
      label: 'Dr Lin (admin)',
      passphrase: 'admin correct horse battery',
      name: 'Lin Mei-Hua',
      nationalId: 'A123456789',
      licenceNumber: 'MD-100234',
    },
  })
  const newAdmin = { label: 'Dr Wu (admin)', passphrase: 'south admin lantern river' }
  const { address } = await callApi<{ address: string }>(page, 'accounts.create', newAdmin)
  await callApi(page, 'session.signIn', {
    address: network.governor,
    passphrase: governor.passphrase,
  })
  await page.reload()

  await expect(page.getByRole('heading', { level: 1, name: 'Institutions' })).toBeVisible({
    timeout: 30_000,
  })
  const table = page.getByTestId('institution-table')
  await expect(table.getByRole('row')).toHaveCount(2)
  await expect(table).toContainText('Taipei Municipal General Hospital')

  const form = page.getByRole('form', { name: 'Add a hospital' })
  await form.getByLabel('Institution name').fill('Kaohsiung South Hospital')
  await form.getByLabel("Administrator's account").fill('0x1234')
  await form.getByRole('button', { name: 'Add hospital' }).click()
  await expect(
    form.getByText('Enter an address: 0x followed by 40 hexadecimal characters.'),
  ).toBeVisible()
  await form.getByLabel("Administrator's account").fill(address)
  await form.getByRole('button', { name: 'Add hospital' }).click()

  await expect(
    page.getByRole('region', { name: 'Kaohsiung South Hospital added as institution 2' }),
  ).toBeVisible({ timeout: 30_000 })
  await expect(table.getByRole('row')).toHaveCount(3)
  await expect(table).toContainText(address, { ignoreCase: true })

  // The new administrator acts for the new hospital: the approvals desk is theirs.
  await callApi(page, 'session.signIn', { address, passphrase: newAdmin.passphrase })
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible({
    timeout: 30_000,
  })
})

import { callApi } from './steps.ts'
import { expect, test } from './fixtures.ts'

test('an administrator sees the record replication card and sets every node to hold every record', async ({
  app,
}) => {
  const { page } = app
  // Nobody signed in: the counts are the administrators', and the card is not there.
  await page.getByRole('link', { name: 'Node status' }).click()
  await expect(page.getByTestId('status-peer-id')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Record replication' })).toHaveCount(0)

  // The administrator is signed in once the network exists.
  await callApi(page, 'setup.createNetwork', {
    institutionName: 'Taipei Municipal General Hospital',
    governor: { label: 'IT governor', passphrase: 'governor long passphrase' },
    admin: {
      label: 'Dr Lin (admin)',
      passphrase: 'admin correct horse battery',
      name: 'Lin Mei-Hua',
      nationalId: 'A123456789',
      licenceNumber: 'MD-100234',
    },
  })
  await page.reload()
  await page.getByRole('link', { name: 'Node status' }).click()
  const card = page.getByRole('region', { name: 'Record replication' })
  // Two copies wanted, but this node is the only one there is: one.
  await expect(card.getByTestId('replication-target')).toHaveText(
    '2 nodes (now 1, with 1 nodes reachable)',
  )
  await expect(card.getByTestId('replication-fully-replicated')).toHaveText(
    '0 of 0 record versions',
  )

  await page.getByRole('link', { name: 'Settings' }).click()
  const copies = page.getByLabel('Copies of each record')
  await expect(copies).toHaveValue('2')
  await copies.fill('')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Enter a whole number from 1 to 32.')).toBeVisible()
  await page.getByLabel('Keep a copy on every node').check()
  await expect(copies).toBeDisabled()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Settings saved.')).toBeVisible()

  await page.getByRole('link', { name: 'Node status' }).click()
  await expect(card.getByTestId('replication-target')).toHaveText('Every node (1 reachable)')
})

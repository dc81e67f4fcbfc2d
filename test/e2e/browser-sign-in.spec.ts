/**
 * Browser mode signs a browser in once: the printed address is spent by the first visit, and
 * another browser (no session cookie) is refused until it gets a new address.
 */
import { expect, test } from './fixtures.ts'

test('the sign-in address works once; a browser without the cookie is refused', async ({
  app,
  browser,
}, testInfo) => {
  testInfo.skip(testInfo.project.name !== 'browser', 'browser mode only')
  const { page, loginUrl } = app
  // Signed in: the address bar holds no token, and the api answers.
  expect(new URL(page.url()).search).toBe('')
  await expect(page.getByTestId('node-indicator')).toBeVisible()
  expect(await page.evaluate(() => document.cookie)).toBe('') // HttpOnly: scripts never see it

  const other = await browser.newContext()
  const otherPage = await other.newPage()
  // The spent address does not sign a second browser in.
  const reused = await otherPage.goto(loginUrl!)
  expect(reused?.status()).toBe(403)
  await expect(otherPage.locator('body')).toContainText('already used')
  // Without the cookie the page loads (it holds no secrets) but the node refuses its calls.
  await otherPage.goto(new URL('/', loginUrl!).href)
  const refused = await otherPage.evaluate(async () => {
    const response = await fetch('/api/node.status', { method: 'POST', body: 'null' })
    return { status: response.status, body: (await response.json()) as { error: { code: string } } }
  })
  expect(refused.status).toBe(401)
  expect(refused.body.error.code).toBe('ERR_UNAUTHORIZED')
  await other.close()
})

import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  CONTENT_SECURITY_POLICY,
  createWindowOptions,
  withContentSecurityPolicy,
} from '../../electron/main/window-options.ts'

const preload = '/opt/emr/out/preload/index.cjs'

test('every security-relevant web preference is set explicitly', () => {
  for (const devTools of [false, true]) {
    const prefs = createWindowOptions(preload, { devTools }).webPreferences
    assert.ok(prefs)
    assert.equal(prefs.preload, preload)
    assert.equal(prefs.contextIsolation, true)
    assert.equal(prefs.sandbox, true)
    assert.equal(prefs.nodeIntegration, false)
    assert.equal(prefs.nodeIntegrationInWorker, false)
    assert.equal(prefs.nodeIntegrationInSubFrames, false)
    assert.equal(prefs.webSecurity, true)
    assert.equal(prefs.allowRunningInsecureContent, false)
    assert.equal(prefs.experimentalFeatures, false)
    assert.equal(prefs.webviewTag, false)
    assert.equal(prefs.navigateOnDragDrop, false)
    assert.equal(prefs.safeDialogs, true)
    assert.equal(prefs.spellcheck, false)
    assert.equal(prefs.enableBlinkFeatures, undefined)
    assert.equal(prefs.additionalArguments, undefined)
  }
})

test('developer tools follow the parameter: off in packaged builds', () => {
  assert.equal(createWindowOptions(preload, { devTools: false }).webPreferences?.devTools, false)
  assert.equal(createWindowOptions(preload, { devTools: true }).webPreferences?.devTools, true)
})

test('the window stays hidden until ready-to-show and has a usable size', () => {
  const options = createWindowOptions(preload, { devTools: false })
  assert.equal(options.show, false)
  assert.ok((options.width ?? 0) >= (options.minWidth ?? Infinity))
  assert.ok((options.height ?? 0) >= (options.minHeight ?? Infinity))
  assert.ok((options.minWidth ?? 0) >= 800)
})

test('the CSP allows only the app itself', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/)
      return [name, values.join(' ')] as const
    }),
  )
  assert.deepEqual(Object.fromEntries(directives), {
    'default-src': "'self'",
    'script-src': "'self'",
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  })
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|\*|http:|https:/)
})

test('the CSP header replaces any the server sent, whatever its case', () => {
  const headers = withContentSecurityPolicy({
    'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
    'CONTENT-SECURITY-POLICY': ['default-src *'],
    'Content-Type': ['text/html'],
  })
  assert.deepEqual(headers, {
    'Content-Type': ['text/html'],
    'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
  })
  assert.deepEqual(withContentSecurityPolicy(undefined), {
    'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
  })
})

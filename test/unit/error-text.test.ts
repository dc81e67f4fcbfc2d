import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createInstance } from 'i18next'
import en from '../../renderer/src/i18n/en.json' with { type: 'json' }
import { createFormatters } from '../../renderer/src/i18n/format.ts'
import zhTW from '../../renderer/src/i18n/zh-TW.json' with { type: 'json' }
import { translateError } from '../../renderer/src/shared/errorText.ts'
import type { ApiErrorInfo, ErrorCode } from '../../renderer/src/shared/errors.ts'

async function translatorFor(language: 'en' | 'zh-TW') {
  const i18n = createInstance()
  await i18n.init({
    lng: language,
    resources: { en: { translation: en }, 'zh-TW': { translation: zhTW } },
    interpolation: { escapeValue: false },
  })
  const format = createFormatters(language)
  return (info: ApiErrorInfo) => translateError(info, i18n.t, (key) => i18n.exists(key), format)
}

const reader = '0x1111111111111111111111111111111111111111'
const cases: [string, 'en' | 'zh-TW', ApiErrorInfo, string][] = [
  [
    'a known code in Chinese',
    'zh-TW',
    { code: 'ERR_WRONG_PASSPHRASE', message: 'The passphrase is wrong' },
    '密碼錯誤。',
  ],
  [
    'details filled into the sentence',
    'zh-TW',
    {
      code: 'ERR_ACCESS_REVOKED',
      message: `${reader} had access, which the patient revoked (record 7).`,
      details: { reader, recordId: 7 },
    },
    `${reader} 原有的存取權已被病人撤銷（紀錄 7）。`,
  ],
  [
    'a time in the language of the display',
    'zh-TW',
    {
      code: 'ERR_SIGNATURE_EXPIRED',
      message: 'The signature expired at 2026-11-20T08:30:00.000Z.',
      details: { deadline: '2026-11-20T08:30:00.000Z' },
    },
    `簽章已於 ${createFormatters('zh-TW').dateTime('2026-11-20T08:30:00.000Z')} 過期。`,
  ],
  [
    'a role by its translated name',
    'zh-TW',
    {
      code: 'ERR_ROLE_CANNOT_ANCHOR',
      message: 'refused',
      details: { account: reader, role: 'pharmacist' },
    },
    `${reader} 以${zhTW.roles.pharmacist}身分不得新增紀錄。`,
  ],
  [
    'an unknown code: the node message stands in',
    'zh-TW',
    // Not a code of this version's table, which the wire may still bring (a newer node's).
    { code: 'ERR_FROM_A_NEWER_NODE' as ErrorCode, message: 'Something new went wrong' },
    'Something new went wrong',
  ],
  [
    'a sentence whose details did not come along: the node message stands in',
    'en',
    { code: 'ERR_ACCESS_REVOKED', message: 'Reader had access, which the patient revoked.' },
    'Reader had access, which the patient revoked.',
  ],
  [
    'a known code in English',
    'en',
    { code: 'ERR_FILE_EXISTS', message: '/x already exists: pass --force to overwrite it' },
    'The file already exists.',
  ],
]
for (const [what, language, info, expected] of cases) {
  test(`error text: ${what}`, async () => {
    assert.equal((await translatorFor(language))(info), expected)
  })
}

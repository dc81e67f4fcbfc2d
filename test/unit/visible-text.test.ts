import assert from 'node:assert/strict'
import { test } from 'node:test'
import { showControlCharacters } from '../../renderer/src/shared/visibleText.ts'

const cases: [string, string, string][] = [
  ['a plain name', 'CT head 2026-11-20.dcm', 'CT head 2026-11-20.dcm'],
  ['Chinese text', '出院摘要.pdf', '出院摘要.pdf'],
  ['Arabic and Hebrew letters (not controls)', 'تقرير שלום.pdf', 'تقرير שלום.pdf'],
  ['emoji with a zero-width joiner', 'x👩\u200D⚕️', 'x👩‹U+200D›⚕️'],
  ['a right-to-left override', 'report\u202Efdp.exe', 'report‹U+202E›fdp.exe'],
  ['a left-to-right override and pop', '\u202Dab\u202C', '‹U+202D›ab‹U+202C›'],
  ['embeddings', '\u202Aa\u202Bb', '‹U+202A›a‹U+202B›b'],
  ['isolates', '\u2066a\u2067b\u2068c\u2069', '‹U+2066›a‹U+2067›b‹U+2068›c‹U+2069›'],
  ['directional marks', 'a\u200Eb\u200Fc\u061Cd', 'a‹U+200E›b‹U+200F›c‹U+061C›d'],
  ['zero-width space and byte order mark', '\uFEFFa\u200Bb', '‹U+FEFF›a‹U+200B›b'],
  ['a word joiner', 'a\u2060b', 'a‹U+2060›b'],
  ['line and paragraph separators', 'a\u2028b\u2029c', 'a‹U+2028›b‹U+2029›c'],
  ['a newline and a tab', 'a\nb\tc', 'a‹U+000A›b‹U+0009›c'],
  ['a NUL and DEL', 'a\u0000b\u007F', 'a‹U+0000›b‹U+007F›'],
  ['a C1 control', 'a\u0085b', 'a‹U+0085›b'],
  ['a soft hyphen', 'pre\u00ADscription', 'pre‹U+00AD›scription'],
  ['an empty string', '', ''],
]
for (const [what, input, shown] of cases) {
  test(`showControlCharacters: ${what}`, () => {
    assert.equal(showControlCharacters(input), shown)
  })
}

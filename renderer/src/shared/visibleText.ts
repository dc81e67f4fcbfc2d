/**
 * Characters that change how text around them reads without being seen: bidirectional
 * controls (a right-to-left override turns "report\u202Efdp.exe" into "reportexe.pdf"),
 * zero-width characters, line separators and C0/C1 control codes.
 */
/* eslint-disable no-control-regex -- finding control characters is the point */
const invisible =
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g
/* eslint-enable no-control-regex */

/**
 * Text from a user (a file name, a title) with every invisible control shown by its code point,
 * e.g. U+202E as ‹U+202E›, so what is shown is what is stored. Plain text comes back unchanged.
 */
export function showControlCharacters(text: string): string {
  return text.replace(
    invisible,
    (character) => `‹U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}›`,
  )
}

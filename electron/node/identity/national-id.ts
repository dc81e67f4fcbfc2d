/**
 * Taiwan national identification numbers (and the new-format resident certificate numbers that
 * share their layout): a letter for the issuing area, 1/2 (citizens) or 8/9 (residents), seven
 * digits and a check digit. The check catches typos at the registration screen, before any gas.
 */
const AREA_CODES = 'ABCDEFGHJKLMNPQRSTUVXYWZIO'

export function isValidNationalId(value: string): boolean {
  const id = value.trim().toUpperCase()
  if (!/^[A-Z][1289]\d{8}$/.test(id)) return false
  const area = AREA_CODES.indexOf(id[0]!) + 10
  const digits = [Math.floor(area / 10), area % 10, ...id.slice(1).split('').map(Number)]
  const weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1]
  const sum = digits.reduce((total, digit, i) => total + digit * weights[i]!, 0)
  return sum % 10 === 0
}

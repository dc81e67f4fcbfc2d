import { dataSlice, hexlify, keccak256, randomBytes, toUtf8Bytes } from 'ethers'

/**
 * A salted commitment to personal data: the first 20 bytes of keccak256 over the salt and the
 * fields as a JSON array. The chain stores only this; the data and the salt stay in the local
 * database, so the node can later prove what was committed without publishing it.
 */
export function commitTo(fields: readonly string[], salt: string): string {
  return dataSlice(keccak256(toUtf8Bytes(JSON.stringify([salt, ...fields]))), 0, 20)
}

export function newSalt(): string {
  return hexlify(randomBytes(32))
}

/** 0x1234…abcd: enough to tell accounts apart in a list; the full address stays one click away. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address
}

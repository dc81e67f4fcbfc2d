import { id, Interface, type Signer } from 'ethers'

/** The one event of the pinger contract. */
export const pingerInterface = new Interface(['event Ping()'])

/**
 * Deploys a contract whose every call emits `Ping()`: init code that returns the 39-byte runtime
 * `PUSH32 topic; PUSH1 0; PUSH1 0; LOG1; STOP`.
 */
export async function deployPinger(sender: Signer): Promise<string> {
  const runtime = `7f${id('Ping()').slice(2)}60006000a100`
  const deployed = await (
    await sender.sendTransaction({ data: `0x6027600c60003960276000f3${runtime}` })
  ).wait()
  return deployed!.contractAddress!
}

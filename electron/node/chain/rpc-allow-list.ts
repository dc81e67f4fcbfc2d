/**
 * The JSON-RPC methods a hosted embedded chain answers: what a standard client (ethers, another
 * EMR node) needs to read the chain and to broadcast transactions it signed itself. Everything
 * else is refused, above all what acts with the node's own keys or on the chain's history and
 * clock: `eth_sendTransaction` and `eth_sign*` (the unlocked faucet account), `eth_accounts`,
 * `evm_*` (snapshots, reverts, time travel), `miner_*`, `debug_*`, `personal_*`, `txpool_*`,
 * `admin_*` and Ganache's own extras. An allow-list, so a method a future Ganache adds is refused
 * until someone decides otherwise.
 */
const gatewayMethods: ReadonlySet<string> = new Set([
  // Identity of the chain and the client.
  'eth_chainId',
  'net_version',
  'web3_clientVersion',
  // Blocks.
  'eth_blockNumber',
  'eth_getBlockByNumber',
  'eth_getBlockByHash',
  // Accounts and contract state.
  'eth_getBalance',
  'eth_getCode',
  'eth_getStorageAt',
  'eth_getTransactionCount',
  'eth_call',
  'eth_estimateGas',
  // Fees.
  'eth_gasPrice',
  'eth_feeHistory',
  'eth_maxPriorityFeePerGas',
  // Transactions: only ones the client signed itself.
  'eth_sendRawTransaction',
  'eth_getTransactionByHash',
  'eth_getTransactionReceipt',
  // Logs, and the log and block filters ethers' `contract.on` polls when not told to poll logs.
  'eth_getLogs',
  'eth_newFilter',
  'eth_newBlockFilter',
  'eth_getFilterChanges',
  'eth_getFilterLogs',
  'eth_uninstallFilter',
])

/** Whether the gateway passes `method` on to the chain. */
export function isGatewayMethod(method: string): boolean {
  return gatewayMethods.has(method)
}

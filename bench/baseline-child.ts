/**
 * The baseline for cold start: the bare parts the node is made of (Ganache in memory and a
 * Helia node with in-memory stores), started one after the other in a fresh process.
 */
import { performance } from 'node:perf_hooks'
import { createHeliaLight } from 'helia'
import ganache from 'ganache'

const startedAt = performance.now()
const chain = ganache.provider({ logging: { quiet: true }, chain: { hardfork: 'shanghai' } })
await chain.request({ method: 'eth_blockNumber', params: [] })
const helia = createHeliaLight()
await helia.start()
const readyMs = performance.now()
const startMs = readyMs - startedAt
await helia.stop()
await chain.disconnect()
process.stdout.write(`${JSON.stringify({ readyMs, startMs })}\n`)

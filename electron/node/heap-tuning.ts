/**
 * How far V8 lets the node's heap grow before its next full collection.
 *
 * A node keeps about 65 MB of live objects (Ganache's state and EVM, Helia, libp2p, ethers), and
 * every upload or open briefly holds a few MB more: Ganache's EVM steps and the curve arithmetic
 * of key wrapping outlive a young-generation collection. With V8's default growing factor that
 * started a full collection on every upload and every ten or so opens, each marking the whole
 * 65 MB on the two cores the upload or open is using. Letting the heap grow 150% past what
 * survived halves them (figures in docs/architecture.md, section 9), for about 100 MB more heap
 * at most before a collection.
 *
 * The flag is read at each collection, so setting it once the process runs takes effect; Node
 * and Electron's main process both leave V8's flags unfrozen for `v8.setFlagsFromString`.
 */
import { setFlagsFromString } from 'node:v8'

const HEAP_GROWING_PERCENT = 150

/** Applies the node's heap growth to this process; idempotent. */
export function tuneHeapForNode(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}

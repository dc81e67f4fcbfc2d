import toBuffer from 'it-to-buffer'
import { createUnsafe } from 'multiformats/block'
import * as raw from 'multiformats/codecs/raw'
import type { CID } from 'multiformats/cid'
import type { GraphNode, GraphWalker, GraphWalkerComponents, WalkOptions } from '@helia/interface'

/**
 * A DAG walker for pinning content this node has just added: it reads the (small) DAG-PB nodes
 * but not the raw leaves, which have no links and are already in the blockstore. Helia's default
 * walker reads every leaf back from disk, which doubled the cost of adding a large study.
 */
export function linksOnlyWalker() {
  return (components: GraphWalkerComponents): GraphWalker => ({
    async *walk<T>(root: CID, options: WalkOptions<T> = {}): AsyncGenerator<GraphNode<T>> {
      const maxDepth = options.depth ?? Infinity
      const stack: { cid: CID; depth: number; path: CID[] }[] = [
        { cid: root, depth: 0, path: [root] },
      ]
      while (stack.length > 0) {
        const { cid, depth, path } = stack.pop()!
        if (cid.code === raw.code) {
          // Pins only need the leaf's CID; its bytes carry no links.
          yield {
            block: createUnsafe({ cid, bytes: new Uint8Array(0), codec: raw }),
            depth,
            path,
          } as GraphNode<T>
          continue
        }
        const bytes = await toBuffer(components.blockstore.get(cid, options))
        const block = createUnsafe({ cid, bytes, codec: await components.getCodec(cid.code) })
        if (depth < maxDepth) {
          for (const [, child] of block.links())
            stack.push({ cid: child, depth: depth + 1, path: [...path, child] })
        }
        yield { block, depth, path } as GraphNode<T>
      }
    },
  })
}

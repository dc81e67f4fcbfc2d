/**
 * `/emr-node/pins/1.0.0`: asks a peer which of a list of CIDs it has pinned, so a node can count
 * the replicas of a record version (replication/replicator.ts). One request per stream: the asker
 * writes `{"cids":[...]}` and closes its side, the peer answers `{"pinned":[...]}` (a subset, in
 * its own words) and closes. Both sides cap what they read; a request that is too large or not
 * CIDs is refused by closing the stream unanswered.
 */
import { CID } from 'multiformats/cid'
import { z } from 'zod'
import type { Logger } from '../log.ts'
import type {
  AbortOptions,
  Libp2p,
  PeerId,
  Stream,
  StreamCloseEvent,
  StreamMessageEvent,
} from '@libp2p/interface'

export const PINS_PROTOCOL = '/emr-node/pins/1.0.0'

/** CIDs one request may ask about; askers split longer lists. */
export const MAX_CIDS_PER_QUERY = 256

/** A request or a reply of 256 CIDs of ~60 characters fits in well under this. */
const MAX_MESSAGE_BYTES = 32 * 1024

/** Time a peer has to read a request and answer it. */
const QUERY_TIMEOUT_MS = 10_000

const cidText = z
  .string()
  .max(128)
  .refine((text) => {
    try {
      CID.parse(text)
      return true
    } catch {
      return false
    }
  }, 'not a CID')

const requestSchema = z.object({ cids: z.array(cidText).max(MAX_CIDS_PER_QUERY) }).strict()
const replySchema = z.object({ pinned: z.array(cidText).max(MAX_CIDS_PER_QUERY) }).strict()

/** Answers peers' pin queries from `isPinned`, until libp2p stops. */
export async function servePinQueries(
  libp2p: Libp2p,
  isPinned: (cid: CID, options: AbortOptions) => Promise<boolean>,
  log: Logger,
): Promise<void> {
  await libp2p.handle(
    PINS_PROTOCOL,
    async (stream, connection) => {
      const signal = AbortSignal.timeout(QUERY_TIMEOUT_MS)
      try {
        const request = requestSchema.parse(JSON.parse(await readMessage(stream, signal)))
        const pinned: string[] = []
        for (const text of request.cids) {
          if (await isPinned(CID.parse(text), { signal })) pinned.push(text)
        }
        stream.send(new TextEncoder().encode(JSON.stringify({ pinned })))
        await stream.close({ signal })
      } catch (error) {
        log.warn('refused a pin query', {
          peer: connection.remotePeer.toString(),
          error: String(error),
        })
        stream.abort(error as Error)
      }
    },
    { maxInboundStreams: 8, maxOutboundStreams: 8 },
  )
}

/**
 * Asks every connected peer which of `cids` it has pinned, side by side, in requests of at most
 * MAX_CIDS_PER_QUERY. A peer that does not answer (not an EMR node, too old, gone) is left out:
 * the peers in the answer are the swarm's nodes that can hold replicas now.
 */
export async function askConnectedPeers(
  libp2p: Libp2p,
  cids: readonly string[],
  options: AbortOptions = {},
): Promise<Map<string, Set<string>>> {
  const answers = new Map<string, Set<string>>()
  await Promise.all(
    libp2p.getPeers().map(async (peer) => {
      const pinned = new Set<string>()
      try {
        let offset = 0
        do {
          const batch = cids.slice(offset, offset + MAX_CIDS_PER_QUERY)
          for (const cid of await askPinned(libp2p, peer, batch, options)) pinned.add(cid)
          offset += MAX_CIDS_PER_QUERY
        } while (offset < cids.length)
        answers.set(peer.toString(), pinned)
      } catch {
        options.signal?.throwIfAborted()
      }
    }),
  )
  return answers
}

/** Which of `cids` (at most MAX_CIDS_PER_QUERY) `peer` has pinned. */
export async function askPinned(
  libp2p: Libp2p,
  peer: PeerId,
  cids: readonly string[],
  options: AbortOptions = {},
): Promise<Set<string>> {
  if (cids.length > MAX_CIDS_PER_QUERY) throw new RangeError('Too many CIDs for one pin query')
  const timeout = AbortSignal.timeout(QUERY_TIMEOUT_MS)
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
  const stream = await libp2p.dialProtocol(peer, PINS_PROTOCOL, { signal })
  // Reading starts before the request goes: an answer that came during the close would be
  // delivered to no listener.
  const answer = readMessage(stream, signal)
  answer.catch(() => {})
  try {
    stream.send(new TextEncoder().encode(JSON.stringify({ cids })))
    await stream.close({ signal })
    const reply = replySchema.parse(JSON.parse(await answer))
    const asked = new Set(cids)
    // Only what was asked counts, in the asker's spelling of each CID.
    return new Set(
      reply.pinned.map((text) => CID.parse(text).toString()).filter((c) => asked.has(c)),
    )
  } catch (error) {
    stream.abort(error as Error)
    throw error
  }
}

/**
 * The whole of what the other side writes before closing its end, as text; capped. Events, not
 * the stream's iterator: an iterator started after the other side closed its end (a request
 * written and closed before the handler ran) would wait for a close that never comes.
 */
function readMessage(stream: Stream, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = []
    let size = 0
    const finish = (error?: unknown) => {
      stream.removeEventListener('message', onMessage)
      stream.removeEventListener('end', onEnd)
      stream.removeEventListener('close', onClose)
      signal.removeEventListener('abort', onAbort)
      if (error !== undefined) {
        reject(error instanceof Error ? error : new Error(String(error)))
        return
      }
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)))
      } catch (decodeError) {
        reject(decodeError as Error)
      }
    }
    const onMessage = (event: StreamMessageEvent) => {
      const bytes = event.data instanceof Uint8Array ? event.data : event.data.subarray()
      size += bytes.length
      if (size > MAX_MESSAGE_BYTES) finish(new RangeError('Pin query message too large'))
      else chunks.push(bytes)
    }
    const onEnd = () => finish()
    const onClose = (event: StreamCloseEvent) =>
      finish(event.error ?? (stream.readableEnded ? undefined : new Error('Stream closed')))
    const onAbort = () => finish(signal.reason)
    stream.addEventListener('message', onMessage)
    stream.addEventListener('end', onEnd)
    stream.addEventListener('close', onClose)
    signal.addEventListener('abort', onAbort, { once: true })
    if (signal.aborted) onAbort()
    else if (stream.readableEnded && stream.readBufferLength === 0) onEnd()
  })
}

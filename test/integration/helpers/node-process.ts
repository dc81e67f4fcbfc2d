/**
 * Starts a hospital's node as a separate process (node-child.ts) on the project's Node 24, and
 * talks to it over IPC: the api as the UI calls it, and a few test-only looks beside it.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { ApiError, type Envelope } from '../../../electron/node/api/client.ts'
import type { ErrorInfo } from '../../../electron/node/errors.ts'
import type { IndexedEvent } from '../../../electron/node/chain/indexer.ts'

const PINNED_NODE = join(process.cwd(), 'node_modules', '.bin', 'node')
const CHILD = join(import.meta.dirname, 'node-child.ts')

/** Every child still running; none outlives the test process. */
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/** Kills every node process still running (a test file's `after`). */
export async function killNodeProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve())
          child.kill('SIGKILL')
        }),
    ),
  )
}

/** A start that failed in the child, with the node's typed error. */
export class NodeStartError extends Error {
  readonly code: string
  constructor(info: ErrorInfo & { text: string }) {
    super(info.text)
    this.code = info.code
  }
}

export interface NodeIndex {
  events: IndexedEvent[]
  versions: unknown[]
  fresh: { events: IndexedEvent[]; versions: unknown[] }
  listenAddresses: string[]
  connectedPeers: string[]
}

export interface NodeProcess {
  dataDir: string
  child: ChildProcess
  /** Calls the api; throws the typed error (with its `code`) as the UI would get it. */
  call<T>(method: string, input?: unknown): Promise<T>
  /** Indexes up to the chain's head. */
  sync(): Promise<void>
  /** Indexes, then runs a replication pass. */
  settle(): Promise<void>
  /** This node's index and a fresh one of the same chain and registry. */
  index(): Promise<NodeIndex>
  /** Whether the node holds a record version whole (manifest and content pinned). */
  holds(cid: string): Promise<boolean>
  /** Stops the node cleanly and waits for the process to end. */
  stop(): Promise<void>
  /** Ends the process at once (SIGKILL), as a crash or a power cut would. */
  kill(): Promise<void>
}

/**
 * Starts a node on `dataDir` in a child process. Not tied to the test that starts it (a node
 * restarted in one test serves the next): the file kills the rest with `killNodeProcesses`.
 */
export async function startNodeProcess(options: {
  dataDir: string
  siteConfigFile?: string
}): Promise<NodeProcess> {
  const child = fork(CHILD, [JSON.stringify(options)], {
    execPath: PINNED_NODE,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  running.add(child)
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child)
      resolve()
    }),
  )

  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let nextId = 1
  child.on('message', (message: { id?: number; value?: unknown; error?: ErrorInfo }) => {
    const waiting = message.id === undefined ? undefined : pending.get(message.id)
    if (!waiting) return
    pending.delete(message.id!)
    if (message.error)
      waiting.reject(new NodeStartError(message.error as ErrorInfo & { text: string }))
    else waiting.resolve(message.value)
  })
  void exited.then(() => {
    for (const waiting of pending.values()) {
      waiting.reject(new Error(`the node process ended: ${stderr.slice(-2000)}`))
    }
    pending.clear()
  })

  await new Promise<void>((resolve, reject) => {
    child.once(
      'message',
      (message: { ready?: boolean; startError?: ErrorInfo & { text: string } }) => {
        if (message.ready) resolve()
        else reject(new NodeStartError(message.startError!))
      },
    )
    void exited.then(() => reject(new Error(`the node process ended before it started: ${stderr}`)))
  })

  const request = <T>(op: string, fields: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      child.send({ id, op, ...fields })
    })

  return {
    dataDir: options.dataDir,
    child,
    async call<T>(method: string, input?: unknown): Promise<T> {
      const envelope = await request<Envelope>('api', { method, input })
      if (!envelope.ok) throw new ApiError(envelope.error)
      return envelope.value as T
    },
    sync: () => request('sync'),
    settle: () => request('settle'),
    index: () => request<NodeIndex>('index'),
    holds: (cid) => request<boolean>('holds', { cid }),
    async stop() {
      await request('stop')
      await exited
    },
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
  }
}

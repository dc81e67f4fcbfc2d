/** Graceful quit: stop the node once, within a time limit, then let the app quit. Pure. */
import type { Logger } from '../node/log.ts'

export interface Shutdown {
  /** True once `run()` has been called: nothing new should start. */
  readonly requested: boolean
  /** True once the stop has finished, failed or timed out. */
  readonly done: boolean
  /** Stops the node; every call returns the same promise, which never rejects. */
  run(): Promise<void>
}

export interface ShutdownOptions {
  /** How long to wait for the node before quitting anyway. */
  timeoutMs: number
  log: Logger
}

/** Memoizes one bounded stop: a hung chain or IPFS service cannot keep the app from quitting. */
export function createShutdown(stop: () => Promise<void>, { timeoutMs, log }: ShutdownOptions) {
  let done = false
  let running: Promise<void> | undefined

  const stopWithin = async () => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    try {
      const result = await Promise.race([stop().then(() => 'stopped' as const), timedOut])
      if (result === 'timeout')
        log.warn('the node did not stop in time; quitting anyway', { timeoutMs })
    } catch (error) {
      log.error('the node failed to stop cleanly', { error: String(error) })
    } finally {
      clearTimeout(timer)
      done = true
    }
  }

  const shutdown: Shutdown = {
    get requested() {
      return running !== undefined
    },
    get done() {
      return done
    },
    run: () => (running ??= stopWithin()),
  }
  return shutdown
}

/**
 * The `before-quit` listener: holds the quit until the node has stopped, then quits again; the
 * second `before-quit` finds the shutdown done and lets it through. Quits asked for while the
 * node is stopping are held too, and end in the same single quit.
 */
export function createBeforeQuitHandler(shutdown: Shutdown, quit: () => void) {
  return (event: { preventDefault(): void }): void => {
    if (shutdown.done) return
    event.preventDefault()
    void shutdown.run().then(quit)
  }
}

/**
 * A task whose runs never overlap and that never misses a request. Asking while a run is in
 * progress queues exactly one more run after it, however many ask: what the running one read
 * (the signed-in account, the chain's events) may already be stale. Dropping the request
 * instead would wait for an outside trigger that may never come.
 */
export class CoalescingTask<T> {
  readonly #task: () => Promise<T>
  #running: Promise<T> | undefined
  #queued: Promise<T> | undefined

  constructor(task: () => Promise<T>) {
    this.#task = task
  }

  /** Resolves with the result of a run that started after this call. */
  run(): Promise<T> {
    if (this.#queued) return this.#queued
    if (!this.#running) return this.#start()
    const ignore = () => {}
    this.#queued = this.#running.then(ignore, ignore).then(() => {
      this.#queued = undefined
      return this.#start()
    })
    return this.#queued
  }

  /** Resolves once no run is in progress or queued; a run's failure is its caller's to see. */
  async idle(): Promise<void> {
    const ignore = () => {}
    for (
      let pending = this.#queued ?? this.#running;
      pending;
      pending = this.#queued ?? this.#running
    ) {
      await pending.then(ignore, ignore)
    }
  }

  #start(): Promise<T> {
    // Called through an async function so a synchronous throw becomes a rejection.
    const running = (async () => this.#task())()
    this.#running = running
    const settle = () => {
      if (this.#running === running) this.#running = undefined
    }
    running.then(settle, settle)
    return running
  }
}

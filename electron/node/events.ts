import { EventEmitter } from 'node:events'
import type { ApiEvents, EventName } from './api/spec.ts'

/** Typed emitter of the events the UI subscribes to. */
export class NodeEvents extends EventEmitter<{ [E in EventName]: [ApiEvents[E]] }> {}

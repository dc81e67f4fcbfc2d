import type { AccessContext } from '../../shared/access.ts'
import { useSession, useSetupStatus } from './queries.ts'

/** The set-up stage and the session, as the route guard and the navbar need them. */
export function useAccessContext(): AccessContext & { failed: boolean } {
  const setup = useSetupStatus()
  const session = useSession()
  return {
    stage: setup.data?.stage,
    // A session that cannot be read is no session: the sign-in screen then says what is wrong.
    session: session.isPending ? undefined : (session.data ?? null),
    failed: setup.isError && setup.data === undefined,
  }
}

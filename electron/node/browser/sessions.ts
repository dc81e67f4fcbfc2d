import { randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Browser-mode sign-in: a one-time login token travels in the printed address, and redeeming it
 * gives that browser its own session secret, kept in an HttpOnly cookie. Only the newest login
 * token works, once; session secrets live as long as the server.
 */
export class BrowserSessions {
  #loginToken: string | undefined
  readonly #sessions = new Set<string>()

  /** A fresh one-time login token; any earlier unused one stops working. */
  issueLoginToken(): string {
    this.#loginToken = randomSecret()
    return this.#loginToken
  }

  /** Spends the login token: a new session secret, or undefined if the token is wrong or used. */
  redeem(token: string | null): string | undefined {
    if (this.#loginToken === undefined || !secretsMatch(token, this.#loginToken)) return undefined
    this.#loginToken = undefined
    const session = randomSecret()
    this.#sessions.add(session)
    return session
  }

  /** Whether the cookie's value is a session this server gave out. */
  isSession(secret: string | undefined): boolean {
    if (!secret) return false
    // Constant time per comparison, so a guess learns nothing from how long a refusal takes.
    let found = false
    for (const session of this.#sessions) found = secretsMatch(secret, session) || found
    return found
  }
}

/** 256 random bits, URL-safe. */
function randomSecret(): string {
  return randomBytes(32).toString('base64url')
}

function secretsMatch(given: string | null, secret: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * The session cookie's name carries the port: cookies are per host, not per port, so two nodes
 * in browser mode on one machine would otherwise overwrite each other's session.
 */
export function sessionCookieName(port: number): string {
  return `emr_session_${port}`
}

/** Set-Cookie for a session: invisible to scripts, never sent by other sites, for the whole app. */
export function sessionCookie(port: number, secret: string): string {
  return `${sessionCookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=')
    if (separator > 0 && pair.slice(0, separator).trim() === name)
      return pair.slice(separator + 1).trim()
  }
  return undefined
}

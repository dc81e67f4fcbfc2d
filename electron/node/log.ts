/** A namespaced logger. Never pass secrets (keys, passphrases, tokens, personal data) to it. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
  child(namespace: string): Logger
}

type Level = 'info' | 'warn' | 'error'

/** Logs one JSON line per entry to stderr, so stdout stays clean for CLI output. */
export function createLogger(
  namespace = 'emr',
  write = (line: string) => process.stderr.write(line),
): Logger {
  const entry = (level: Level) => (message: string, fields?: Record<string, unknown>) =>
    write(
      `${JSON.stringify({ time: new Date().toISOString(), level, ns: namespace, message, ...fields })}\n`,
    )
  return {
    info: entry('info'),
    warn: entry('warn'),
    error: entry('error'),
    child: (child) => createLogger(`${namespace}:${child}`, write),
  }
}

/** A logger that drops everything: the default for tests and embedded use. */
export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
}

/** Styles for inputs holding addresses and URLs, where 0/O and l/1 must be told apart. */
export const monospaceInput = {
  input: { fontFamily: 'var(--mantine-font-family-monospace)' },
} as const

/** Port numbers need a short box; the label and description keep the full width. */
export const narrowInput = {
  wrapper: { maxWidth: '15rem' },
} as const

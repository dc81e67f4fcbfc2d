import { Code } from '@mantine/core'

/** Plain text as written: monospace, long lines wrapped, scrolled inside the page. */
export function TextView({ text, label }: { text: string; label: string }) {
  return (
    <Code
      block
      data-testid="viewer-text"
      aria-label={label}
      tabIndex={0}
      style={{
        maxHeight: '72vh',
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
        fontSize: 'var(--mantine-font-size-sm)',
      }}
    >
      {text}
    </Code>
  )
}

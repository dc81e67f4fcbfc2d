import { DataList, Group, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { CopyValueButton } from './CopyValueButton.tsx'

interface DataFieldProps {
  label: string
  /** The displayed value; carries the test id, so tests read it without the copy button. */
  value: ReactNode
  testId?: string
  /** The unformatted value (e.g. 1234 for "1,234"), for tests that compare numbers. */
  rawValue?: string | number
  /** Identifiers: monospace, wrapped anywhere, and copyable. */
  copyValue?: string
  /** Shown under the value, e.g. the list behind a count. */
  details?: ReactNode
}

/** One label/value pair of a card (a dt/dd pair, so assistive tech reads them together). */
export function DataField({ label, value, testId, rawValue, copyValue, details }: DataFieldProps) {
  const mono = copyValue !== undefined
  return (
    <DataList.Item>
      <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
      <DataList.ItemValue>
        <Group gap={4} wrap="nowrap" align="flex-start">
          <Text
            component="div"
            ff={mono ? 'monospace' : undefined}
            size={mono ? 'sm' : undefined}
            style={mono ? { wordBreak: 'break-all' } : undefined}
            data-testid={testId}
            data-value={rawValue}
          >
            {value}
          </Text>
          {copyValue && <CopyValueButton value={copyValue} label={label} />}
        </Group>
        {details}
      </DataList.ItemValue>
    </DataList.Item>
  )
}

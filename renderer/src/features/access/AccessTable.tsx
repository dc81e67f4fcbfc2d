import { Table, Text, VisuallyHidden } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface AccessTableProps {
  /** Read out as the table's caption. */
  caption: string
  columns: readonly string[]
  /** Adds an unlabelled last column for the row's action buttons. */
  withActions: boolean
  /** Shown instead of the table when there are no rows. */
  empty: { text: string; testId?: string } | null
  minWidth: number
  testId: string
  children: ReactNode
}

/** The frame of the access panel's lists: caption, headings, an actions column, the empty text. */
export function AccessTable(props: AccessTableProps) {
  const { t } = useTranslation()
  if (props.empty) {
    return (
      <Text size="sm" c="dimmed" data-testid={props.empty.testId}>
        {props.empty.text}
      </Text>
    )
  }
  return (
    <Table.ScrollContainer minWidth={props.minWidth}>
      <Table verticalSpacing="sm" data-testid={props.testId}>
        <VisuallyHidden component="caption">{props.caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            {props.columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
            {props.withActions && (
              <Table.Th>
                <VisuallyHidden>{t('access.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{props.children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

import { Card, DataList, Title } from '@mantine/core'
import { useId, type ReactNode } from 'react'

interface StatusCardProps {
  title: string
  children: ReactNode
}

/** A titled group of status fields; the card is a region named by its title. */
export function StatusCard({ title, children }: StatusCardProps) {
  const titleId = useId()
  return (
    <Card component="section" aria-labelledby={titleId} withBorder radius="md" padding="lg">
      <Title id={titleId} order={2} size="h4" mb="sm">
        {title}
      </Title>
      <DataList gap="sm" labelWidth="10rem" withDivider>
        {children}
      </DataList>
    </Card>
  )
}

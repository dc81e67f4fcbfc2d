import { SimpleGrid } from '@mantine/core'
import type { ReactNode } from 'react'

/** One column on narrow windows, two side by side from the `md` breakpoint. */
export function StatusGrid({ children }: { children: ReactNode }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="lg">
      {children}
    </SimpleGrid>
  )
}

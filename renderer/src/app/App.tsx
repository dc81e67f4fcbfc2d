import { MantineProvider } from '@mantine/core'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from 'react-router/dom'
import { SavedLanguage } from '../features/settings/SavedLanguage.tsx'
import { queryClient } from './queryClient.ts'
import { router } from './router.tsx'
import { cssVariablesResolver, theme } from './theme.ts'

export function App() {
  return (
    // Light only: no ColorSchemeScript, whose inline script the CSP forbids.
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <QueryClientProvider client={queryClient}>
        <SavedLanguage>
          <RouterProvider router={router} />
        </SavedLanguage>
      </QueryClientProvider>
    </MantineProvider>
  )
}

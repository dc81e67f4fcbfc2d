// Must stay first. In development the React refresh runtime is normally started by an inline
// script, which the CSP blocks; importing it from the bundle starts it before any component
// module runs. In a production build this module is empty.
import '@vitejs/plugin-react/preamble'
import '@mantine/core/styles.css'
import './i18n/index.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core'

/**
 * A calm clinical blue-teal. Shade 7, the primary, gives white text a contrast above 4.5:1
 * (WCAG AA), which Mantine's default shade 6 blues and teals do not.
 */
const clinical: MantineColorsTuple = [
  '#e6f6fa',
  '#cfe9f0',
  '#a3d3e2',
  '#72bcd3',
  '#4aa8c6',
  '#3199bd',
  '#2091b8',
  '#0e7ea3',
  '#007092',
  '#006181',
]

// System fonts only (no remote fonts under the CSP), with the Traditional Chinese faces that
// Windows, macOS and Linux workstations ship.
const systemSans =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Microsoft JhengHei', 'PingFang TC', 'Noto Sans CJK TC', 'Noto Sans TC', 'WenQuanYi Micro Hei', sans-serif"

export const theme = createTheme({
  colors: { clinical },
  primaryColor: 'clinical',
  primaryShade: { light: 7, dark: 5 },
  fontFamily: systemSans,
  fontFamilyMonospace:
    "ui-monospace, 'Cascadia Mono', 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
  headings: { fontFamily: systemSans, fontWeight: '650' },
  // Mantine's inputs and buttons default to `sm`: raising it to 15px keeps the whole app at a
  // readable 15-16px on workstation monitors.
  fontSizes: {
    xs: '0.8125rem',
    sm: '0.9375rem',
    md: '1rem',
    lg: '1.125rem',
    xl: '1.25rem',
  },
  defaultRadius: 'md',
  // Keyboard focus stays visible; mouse clicks do not leave rings behind.
  focusRing: 'auto',
  cursorType: 'pointer',
  // Nearly every field is required, so forms mark the optional ones instead. An asterisk inside
  // the label would also become part of its text ("Passphrase *").
  components: Object.fromEntries(
    ['TextInput', 'PasswordInput', 'NativeSelect', 'FileInput', 'Textarea'].map((name) => [
      name,
      { defaultProps: { withAsterisk: false } },
    ]),
  ),
})

/**
 * Mantine's "dimmed" text (labels, descriptions) is gray.6, about 3.3:1 on white: too faint for
 * AA. gray.7 keeps the hierarchy and reads at about 7:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: { '--mantine-color-dimmed': resolved.colors.gray[7] },
  dark: {},
})

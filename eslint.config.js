import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'contracts/artifacts',
      'test-results',
      'playwright-report',
      '.scratch',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The hospital node is plain Node: it runs under the CLI, tests and browser mode too.
    files: ['electron/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'electron/node must never import electron' }] },
      ],
    },
  },
  {
    // The renderer reaches the node only through window.emr: types may be shared, code may not,
    // except the pure api spec and client builder.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer is sandboxed: use window.emr' }],
          patterns: [{ group: ['node:*'], message: 'the renderer is sandboxed: no Node modules' }],
        },
      ],
    },
  },
  {
    // Electron belongs to the shell: tests, tools and scripts run under plain Node.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'contracts/**/*.ts', '*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'only electron/main and electron/preload import electron',
            },
          ],
        },
      ],
    },
  },
  {
    // Inside the shell, ipcMain and ipcRenderer each have exactly one home.
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: ['electron/main/ipc.ts', 'electron/preload/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'IPC lives in electron/main/ipc.ts and electron/preload/index.ts only',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure shell modules are unit-tested under plain Node, where `electron` cannot load.
    files: [
      'electron/main/{channels,url-policy,window-options,ipc-handlers,hardening,shutdown,startup-failure,electron-settings-store}.ts',
      'electron/preload/{ipc-transport,bridge-safe}.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message: 'pure module: `import type` only',
            },
            {
              name: 'electron-store',
              allowTypeImports: true,
              message: 'pure module: `import type` only',
            },
          ],
        },
      ],
    },
  },
  {
    // Channel names are spelled once.
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['electron/main/channels.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/^emr:/]',
          message: 'IPC channel names live in electron/main/channels.ts',
        },
      ],
    },
  },
)

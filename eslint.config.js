// A small, strict rule set: rules that find mistakes (lost promises, cases
// left out, dead code, needless casts), not matters of taste.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'out/**', 'templates/**', 'fixtures/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
    rules: {
      // Every promise is awaited or handled: a lost rejection is a lost error.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Every case of a union is handled, or a default says what happens.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', {considerDefaultExhaustiveForUnions: true}],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/restrict-template-expressions': 'error',
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
      eqeqeq: ['error', 'always'],
      // Matching control characters is what the control-characters rule is for, and the
      // Khmer rules match single combining marks in character classes on purpose.
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
      // Khmer examples in comments hold the zero-width spaces writers type.
      'no-irregular-whitespace': ['error', {skipComments: true}]
    }
  },
  {files: ['**/*.js', '**/*.mjs', 'vitest.config.ts'], ...tseslint.configs.disableTypeChecked}
)

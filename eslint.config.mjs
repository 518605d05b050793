// Lint = typescript-eslint's recommended rules + Nx module boundaries (who may import whom).
// Boundaries: apps are wiring and may use any lib; libs never import apps; libs/contracts imports no
// other workspace project; each scope reaches only the libs it needs.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.nx/**',
      'coverage/**',
      'reports/**',
      'bench/.scratch/**',
      '**/*.tmp.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:shared'] },
            { sourceTag: 'scope:measurements', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:shared'] },
            { sourceTag: 'scope:catalog', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:shared'] },
            { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:shared', 'scope:catalog'] },
            // The ingestor's admin surface reads the catalog read model (consumer and access listings); its commands never do.
            {
              sourceTag: 'scope:ingestor',
              onlyDependOnLibsWithTags: ['scope:contracts', 'scope:shared', 'scope:catalog', 'scope:ingestor'],
            },
            {
              sourceTag: 'scope:projector',
              onlyDependOnLibsWithTags: [
                'scope:contracts',
                'scope:shared',
                'scope:measurements',
                'scope:catalog',
                'scope:projector',
              ],
            },
            // The simulator is a meter pipeline: it speaks the contracts over HTTP (the typed client) and needs the store's time-zone rules.
            {
              sourceTag: 'scope:simulator',
              onlyDependOnLibsWithTags: ['scope:contracts', 'scope:shared', 'scope:measurements'],
            },
            // The notifier derives changes from the topics (the projector's record decoder) and the catalog, and keeps the change log;
            // its app loads the webhook signing key (libs/auth).
            {
              sourceTag: 'scope:notifier',
              onlyDependOnLibsWithTags: [
                'scope:contracts',
                'scope:shared',
                'scope:measurements',
                'scope:catalog',
                'scope:projector',
                'scope:auth',
                'scope:notifier',
              ],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: [
                'scope:contracts',
                'scope:shared',
                'scope:measurements',
                'scope:catalog',
                'scope:auth',
                'scope:api',
              ],
            },
            { sourceTag: 'scope:embedded', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // Tests may reach across projects (shared fixtures in test/, other libs' testing helpers): the
    // boundaries guard production code, which is what ships.
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/testing/**/*.ts', 'bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);

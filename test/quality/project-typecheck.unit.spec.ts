import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every Nx project: a folder of apps/ or libs/ with a project.json. */
function projects(): string[] {
  return ['apps', 'libs'].flatMap((group) =>
    readdirSync(join(ROOT, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && readdirSync(join(ROOT, group, entry.name)).includes('project.json'))
      .map((entry) => `${group}/${entry.name}`),
  );
}

function tsFilesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

/** The files a tsconfig names itself (its `include`), before imports pull in others. */
function filesOf(tsconfig: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, tsconfig),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`${tsconfig} could not be read`);
  return parsed.fileNames.map((file) => relative(ROOT, file)).sort();
}

// `nx run <project>:typecheck` checks that project (and what it imports), not the whole workspace; the
// root tsconfig.json stays the one whole-workspace check the test command's gate runs. The project checks
// themselves are not run here (seconds to a minute of tsc each): a project's check can differ from the
// workspace's only by ambient declarations, and those are named once, for all, in tsconfig.base.json.
describe('each project type-checks on its own', () => {
  it.each(projects())('%s: its typecheck target runs its own tsconfig, which names every file of it', (dir) => {
    const project = JSON.parse(readFileSync(join(ROOT, dir, 'project.json'), 'utf8'));
    expect(project.targets.typecheck.command).toBe(`tsc -p ${dir}/tsconfig.json --noEmit`);
    const config = JSON.parse(readFileSync(join(ROOT, dir, 'tsconfig.json'), 'utf8'));
    expect(config.extends).toBe('../../tsconfig.base.json');
    const named = filesOf(`${dir}/tsconfig.json`);
    expect(named.filter((file) => file.startsWith(`${dir}/`))).toEqual(tsFilesUnder(dir));
    // Beyond its own files, only the ambient declarations tsconfig.base.json names for every project.
    expect(named.filter((file) => !file.startsWith(`${dir}/`))).toEqual(
      filesOf('tsconfig.base.json').filter((file) => !file.startsWith(`${dir}/`)),
    );
  });
});

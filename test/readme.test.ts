import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The fenced blocks of a markdown text, with their info string (`ts`, `sh`, `ts no-check`). */
function codeBlocks(markdown: string): { info: string; code: string }[] {
  return [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    info: (match[1] ?? '').trim(),
    code: match[2] ?? '',
  }));
}

/** The text of a `## heading` section, up to the next `## ` heading. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) return '';
  const end = markdown.indexOf('\n## ', start + heading.length + 4);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe('README', () => {
  it('gives exactly the two quick-start set-up commands, verbatim', () => {
    const commands = codeBlocks(section(readme, 'Quick start'))
      .filter((block) => block.info === 'sh')
      .map((block) => block.code.trim());
    expect(commands).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
  });

  it('keeps the provider-table marker line right below the table rows', () => {
    const lines = section(readme, 'Providers').split('\n');
    const marker = lines.findIndex((line) => line.startsWith('<!-- provider rows:'));
    expect(marker).toBeGreaterThan(0);
    expect(lines[marker - 1]).toMatch(/^\| .+ \|$/);
  });

  it('has TypeScript examples that type-check against the current source', () => {
    // A block fenced as ```ts no-check is shown but not checked (for deliberate fragments).
    const snippets = codeBlocks(readme).filter(
      (block) => block.info.split(' ')[0] === 'ts' && !block.info.includes('no-check'),
    );
    expect(snippets.length).toBeGreaterThan(5);

    const directory = mkdtempSync(join(tmpdir(), 'model-catalog-readme-'));
    try {
      const files = snippets.map((snippet, index) => {
        const file = join(directory, `snippet-${index + 1}.mts`);
        writeFileSync(file, snippet.code);
        return file;
      });
      const program = ts.createProgram(files, {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        types: ['node'],
        typeRoots: [join(root, 'node_modules/@types')],
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        noEmit: true,
        paths: {
          'model-catalog': [join(root, 'src/index.ts')],
          'model-catalog/*': [join(root, 'src/entries/*.ts')],
          // The optional peer dependency the fleet examples use.
          unstorage: [join(root, 'node_modules/unstorage/dist/index.d.mts')],
          'unstorage/*': [join(root, 'node_modules/unstorage/*.d.mts')],
        },
      });
      const problems = files.flatMap((file) => {
        const source = program.getSourceFile(file);
        if (!source) return [`${file}: not loaded`];
        return [
          ...program.getSyntacticDiagnostics(source),
          ...program.getSemanticDiagnostics(source),
        ].map((diagnostic) => {
          const line =
            diagnostic.start === undefined
              ? 0
              : source.getLineAndCharacterOfPosition(diagnostic.start).line + 1;
          const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
          return `README block ${file.match(/snippet-(\d+)/)?.[1]}, line ${line}: ${text}`;
        });
      });
      expect(problems).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCH_USAGE, parseBenchArgs } from './bench-args.js';
import { EXIT_CODES } from './exit-codes.js';
import { listSuites } from './load-suite.js';
import { REPORT_FILES } from './write-reports.js';

const read = (rel: string) => readFileSync(new URL(`../../docs/${rel}`, import.meta.url), 'utf8');

describe('CI docs stay in step with the code', () => {
  const workflow = read('github-actions-example.yml');
  const guide = read('ci.md');

  it('the example workflow runs a shipped suite and feeds the files edgewatt writes', () => {
    const suite = /--suite (\S+)/.exec(workflow)?.[1];
    expect(listSuites()).toContain(suite);
    expect(workflow).toContain(`edgewatt-results/${REPORT_FILES.gab}`);
    expect(workflow).toContain(`edgewatt-results/${REPORT_FILES.json}`);
    expect(workflow).toContain('tool: customSmallerIsBetter');
  });

  it("the workflow for a user's repository benches a file with options the CLI accepts", () => {
    const yours = read('github-actions-your-model.yml');
    const command = /npx edgewatt bench ((?:[^\n]*\\\n)*[^\n]*)/.exec(yours)?.[1];
    expect(command).toBeDefined();
    const argv = command!.replace(/\\\n/g, ' ').replace('"$@"', '').trim().split(/\s+/);
    const args = parseBenchArgs(argv);
    expect(args.files).toEqual(['models/model.onnx']);
    expect(args.variants).toEqual(['fp16', 'int8-dynamic']);
    expect(args.inputFlags.inputs).toBe('test/fixtures/samples.npz');
    expect(read('ci.md')).toContain('github-actions-your-model.yml');
  });

  it('the guide documents every output file, every exit code and every option', () => {
    for (const f of Object.values(REPORT_FILES)) expect(guide).toContain(`\`${f}\``);
    for (const code of Object.values(EXIT_CODES)) expect(guide).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
    for (const flag of BENCH_USAGE.match(/--[a-z]+/g) ?? []) expect(guide).toContain(flag);
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/models-dir.js';
import { describeIssue } from './describe-issue.js';
import { UsageError } from './exit-codes.js';
import { suiteSchema, type Suite } from './suite-schema.js';

/** benchmarks/suites/ of this package, wherever it is installed (the bundled CLI sits at another depth than src/bench/). */
export const DEFAULT_SUITES_DIR = path.join(PROJECT_ROOT, 'benchmarks', 'suites');

const SUITE_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

export interface LoadedSuite {
  suite: Suite;
  /** absolute path of the file it came from */
  file: string;
}

/** Names of the suites shipped in `dir` (file names without .json), sorted. */
export function listSuites(dir: string = DEFAULT_SUITES_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Load a suite by name (benchmarks/suites/NAME.json) or by path (anything with a slash or a .json
 * ending). Every failure is a UsageError that names the file and, for a bad field, its path.
 */
export function loadSuite(nameOrPath: string, dir: string = DEFAULT_SUITES_DIR): LoadedSuite {
  const byName = SUITE_NAME.test(nameOrPath) && !nameOrPath.endsWith('.json');
  const file = path.resolve(byName ? path.join(dir, `${nameOrPath}.json`) : nameOrPath);
  if (!existsSync(file)) {
    if (byName) {
      const available = listSuites(dir);
      throw new UsageError(
        `unknown suite "${nameOrPath}"`,
        available.length > 0
          ? `available suites: ${available.join(', ')}; or pass the path of a suite file (e.g. ./my-suite.json)`
          : `no suites found in ${dir}; pass the path of a suite file`,
      );
    }
    throw new UsageError(`suite file not found: ${file}`, 'check the path, or pass a suite name such as "ci"');
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read suite file ${file}: ${(err as Error).message}`, 'check the file permissions', { cause: err });
  }
  return { suite: parseSuite(text, file), file };
}

/** Parse and validate suite JSON text; `file` is only used in messages. */
export function parseSuite(text: string, file: string): Suite {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`, 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause)', {
      cause: err,
    });
  }
  const parsed = suiteSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(describeIssue);
    throw new UsageError(
      `${file}: invalid suite\n${lines.map((l) => `  - ${l}`).join('\n')}`,
      'fix the named field(s); the suite format is described in docs/ci.md',
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type PipelineConfig } from './config/config.ts';
import { UsageError } from './config/errors.ts';
import { extractLine, type ExtractRequest } from './extract/line.ts';
import { loadResources } from './pipeline/resources.ts';
import { runBatch, type Progress } from './pipeline/run.ts';

const COMMON_OPTIONS = {
  config: { type: 'string', short: 'c' },
  input: { type: 'string', short: 'i' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

interface Command {
  summary: string;
  usage: string;
  options: ParseArgsConfig['options'];
  run(values: Record<string, unknown>): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  run: {
    summary: 'process every article in the input folder and write the reports',
    usage: `cli run [--config FILE] [--input DIR] [--output DIR]

Reads the articles in the input folder (recursively: .txt .md .html .htm), extracts dates,
figures, entities and claims, reconciles claims across articles and writes CSV/JSON reports and
report.md to the output folder. Shows progress on a terminal; ends with a one-line summary on stderr.
Exit code: 0 all articles ok, 1 some articles failed (the others are still written), 2 usage or config error.`,
    options: COMMON_OPTIONS,
    async run(values) {
      const config = configFrom(values);
      const summary = runBatch(config, progressPrinter());
      clearProgress();
      const seconds = (summary.durationMs / 1000).toFixed(1);
      process.stderr.write(`${summary.ok} ok, ${summary.failed} failed, ${summary.ok + summary.failed} articles in ${seconds} s → ${config.output}\n`);
      return summary.failed > 0 ? 1 : 0;
    },
  },
  extract: {
    summary: 'extract dates, figures and entities from JSON Lines on stdin',
    usage: `cli extract [--config FILE]

Reads one request per line on stdin: {"id"?, "text", "ref"?} (ref: publication date YYYY-MM-DD,
default today); a line that is not JSON is taken as plain text. Writes one JSON object per input
line, in order: {"id", "text", "dates", "figures", "entities"} with start/end offsets into that
line's text. Traditional text is converted to Simplified first.`,
    options: COMMON_OPTIONS,
    async run(values) {
      const config = configFrom(values);
      const resources = loadResources(config);
      const today = new Date().toISOString().slice(0, 10);
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        const request = parseRequest(line);
        let result: unknown;
        try {
          result = extractLine(request, resources, today);
        } catch (error) {
          result = { id: request.id ?? null, text: request.text, error: (error as Error).message, dates: [], figures: [], entities: [] };
        }
        if (!process.stdout.write(JSON.stringify(result) + '\n')) {
          await new Promise((resolve) => process.stdout.once('drain', resolve));
        }
      }
      return 0;
    },
  },
};

function parseRequest(line: string): ExtractRequest {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as Partial<ExtractRequest>;
      if (value && typeof value.text === 'string') {
        const ref = typeof value.ref === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.ref) ? value.ref : null;
        return { id: value.id ?? null, text: value.text, ref };
      }
    } catch {
      // Not JSON: plain text.
    }
  }
  return { id: null, text: line };
}

function configFrom(values: Record<string, unknown>): PipelineConfig {
  return loadConfig({
    config: values.config as string | undefined,
    input: values.input as string | undefined,
    output: values.output as string | undefined,
  });
}

let progressShown = false;

function progressPrinter(): (p: Progress) => void {
  if (!process.stderr.isTTY) return () => {};
  return ({ done, total, current }) => {
    const width = process.stderr.columns ?? 80;
    const line = `[${done}/${total}] ${current}`.slice(0, width - 1);
    process.stderr.write(`\r\x1b[K${line}`);
    progressShown = true;
  };
}

function clearProgress(): void {
  if (progressShown) process.stderr.write('\r\x1b[K');
  progressShown = false;
}

function mainUsage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Chinese news pipeline

Usage: npm run --silent cli -- <command> [options]

Commands:
${lines.join('\n')}

Options for every command:
  -c, --config FILE   configuration file (default: pipeline.config.json if present)
  -i, --input DIR     input folder (overrides the config)
  -o, --output DIR    output folder (overrides the config)
  -h, --help          help for a command
`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainUsage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${mainUsage()}`);
    return 2;
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, allowPositionals: false, strict: true }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\nUsage: ${command.usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`Usage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(values);
  } catch (error) {
    clearProgress();
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}


main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/config.ts';
import { UsageError } from '../../src/config/errors.ts';

function messageOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('config', () => {
  it('gives every option a default', () => {
    const config = parseConfig({}, null, '/tmp');
    expect(config.input).toBe('raw');
    expect(config.output).toBe('output');
    expect(config.convert.preset).toBe('tw');
    expect(config.ingest.maxFileBytes).toBe(10 * 1024 * 1024);
    expect(config.ingest.extensions).toEqual(['.txt', '.md', '.html', '.htm']);
    expect(config.lexicons.entities).toEqual([]);
    expect(config.run.workers).toBe(0);
  });

  it('names the key path of an unknown key', () => {
    const message = messageOf(() => parseConfig({ convert: { preset: 'tw', mode: 'x' } }, 'pipeline.config.json', '/tmp'));
    expect(message).toBe('pipeline.config.json: convert: unknown key "mode"');
  });

  it('names the key path and what was expected for a wrong type, one line per mistake', () => {
    const message = messageOf(() =>
      parseConfig({ ingest: { maxFileBytes: 'big' }, convert: { preset: 'twp' } }, 'pipeline.config.json', '/tmp'),
    );
    const lines = message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^pipeline\.config\.json: ingest\.maxFileBytes: .*number/);
    expect(lines[1]).toMatch(/^pipeline\.config\.json: convert\.preset: .*"tw"/);
  });

  it('reports invalid JSON and a missing --config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    writeFileSync(join(dir, 'pipeline.config.json'), '{ "input": "raw", }');
    expect(messageOf(() => loadConfig({}, dir))).toMatch(/pipeline\.config\.json: not valid JSON/);
    expect(messageOf(() => loadConfig({ config: 'missing.json' }, dir))).toMatch(/missing\.json: config file not found/);
  });

  it('lets CLI flags override the input and output folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    writeFileSync(join(dir, 'pipeline.config.json'), JSON.stringify({ input: 'articles' }));
    const config = loadConfig({ output: join(dir, 'elsewhere') }, dir);
    expect(config.input).toBe('articles');
    expect(config.output).toBe(join(dir, 'elsewhere'));
    expect(config.baseDir).toBe(dir);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultPredicateLexicon, parsePredicateLexicon, predicateRule, PREDICATES_FILE } from '../../src/claims/lexicon.ts';

const builtIn = () => JSON.parse(readFileSync(PREDICATES_FILE, 'utf8'));

describe('predicate lexicon', () => {
  it('loads the built-in file with every predicate the issue asks for', () => {
    const names = defaultPredicateLexicon().predicates.map((p) => p.name);
    for (const name of ['launch', 'spend', 'gmv', 'revenue', 'users', 'downloads', 'stake', 'listing', 'growth', 'rank', 'renamed']) {
      expect(names).toContain(name);
    }
  });

  it('finds the rule of a qualified predicate', () => {
    const lexicon = defaultPredicateLexicon();
    expect(predicateRule(lexicon, 'downloads-daily')?.name).toBe('downloads');
    expect(predicateRule(lexicon, 'nothing')).toBeNull();
  });

  it('names the file and the key path of each mistake', () => {
    const json = builtIn();
    json.predicates[0].triggers[0] = { word: '上线', pattern: '上线', valency: 'either' };
    json.predicates[1].units = ['lightyears'];
    json.extra = true;
    let message = '';
    try {
      parsePredicateLexicon(json, 'my-predicates.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual(
      expect.arrayContaining([
        'my-predicates.json: (top level): Unrecognized key: "extra"',
        'my-predicates.json: predicates.0.triggers.0: give exactly one of "word" or "pattern"',
      ]),
    );
    const units = builtIn();
    units.predicates[1].units = ['lightyears'];
    expect(() => parsePredicateLexicon(units, 'p.json')).toThrow('p.json: predicates.1.units: unknown unit class "lightyears"');
  });

  it('rejects a trigger pattern that is not a regular expression', () => {
    const json = builtIn();
    json.predicates[0].triggers.push({ pattern: '登陆(纳斯达克', valency: 'intransitive' });
    expect(() => parsePredicateLexicon(json, 'p.json')).toThrow(/p\.json: predicates\.0\.triggers\.\d+\.pattern: not a valid regular expression/);
  });
});

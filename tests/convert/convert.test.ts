import { describe, expect, it } from 'vitest';
import { convertToSimplified, countScriptEvidence, toSimplifiedForMatching } from '../../src/convert/convert.ts';

function check(input: string) {
  const result = convertToSimplified(input);
  // Every converted character maps back to the characters it came from.
  for (let i = 0; i < result.text.length; i++) {
    const [s, e] = result.map.toSource(i, i + 1);
    expect(e).toBeGreaterThan(s);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(e).toBeLessThanOrEqual(input.length);
  }
  return result;
}

describe('convertToSimplified', () => {
  it('converts the particle 著 to 着 but keeps 著名', () => {
    expect(check('還面臨著多重夾擊，著名的產品').text).toBe('还面临着多重夹击，著名的产品');
  });

  it('never runs over Simplified text: a standalone 么 stays 么', () => {
    const input = '阿里的社交梦能借微信实现么?';
    const result = check(input);
    expect(result.text).toBe(input);
    expect(result.script).toBe('simplified');
  });

  it('keeps news vocabulary (no twp phrase swaps): 核心 and 社群 stay', () => {
    expect(check('核心功能是社群運營').text).toBe('核心功能是社群运营');
  });

  it('converts per paragraph: a Simplified title over a Traditional body is mixed', () => {
    const input = '阿里正在重启“来往”准备再战社交\n在來往之外，事實上，阿里在社交方面的投入一直未停。';
    const result = check(input);
    expect(result.script).toBe('mixed');
    expect(result.text.split('\n')[0]).toBe('阿里正在重启“来往”准备再战社交');
    expect(result.text).toContain('在来往之外，事实上');
    const at = result.text.indexOf('事实');
    expect(input.slice(...result.map.toSource(at, at + 2))).toBe('事實');
  });

  it('reports traditional for an all-Traditional text', () => {
    expect(check('釘釘出圈，阿里重燃社交烽火').script).toBe('traditional');
  });

  it('gives a Simplified matching view of Traditional lines', () => {
    expect(toSimplifiedForMatching('相關文章：')).toBe('相关文章：');
  });

  it('keeps the matching view the length of its input, astral characters and lone surrogates included', () => {
    const input = '這是𠮷個測試，ABC 123，么';
    const view = toSimplifiedForMatching(input);
    expect(view).toBe('这是𠮷个测试，ABC 123，么');
    expect(view.length).toBe(input.length);
    expect(toSimplifiedForMatching('已是简体')).toBe('已是简体');
    const lone = '\ud842這';
    expect(toSimplifiedForMatching(lone)).toBe('\ud842这');
  });

  it('counts script evidence per character', () => {
    expect(countScriptEvidence('這個測試')).toEqual({ traditional: 4, simplified: 0 });
    expect(countScriptEvidence('这个测试')).toEqual({ traditional: 0, simplified: 4 });
    expect(countScriptEvidence('abc 𠮷 123')).toEqual({ traditional: 0, simplified: 0 });
  });
});

import { describe, expect, test } from 'vitest';
import { conditionPhrases, offsetOf, parseJson, prettyJson } from './rule-text.js';

describe('the rule editor’s JSON check', () => {
  test('a syntax error is placed on its line and column', () => {
    const text = '{\n  "name": "v2",\n  "rules": [1 2]\n}';
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.line).toBe(3);
    expect(text.split('\n')[2]!.slice(r.problem.column! - 1)).toMatch(/^2\]/);
    expect(offsetOf(text, r.problem.line!, r.problem.column!)).toBe(r.problem.offset);
  });

  test('the newer engines’ "(line L column C)" wording is read as well', () => {
    const message = "Expected ',' or '}' after property value in JSON at position 7 (line 1 column 8)";
    const original = JSON.parse;
    JSON.parse = () => {
      throw new SyntaxError(message);
    };
    try {
      const r = parseJson('{"a": 1');
      expect(r).toEqual({ ok: false, problem: { message, line: 1, column: 8, offset: 7 } });
    } finally {
      JSON.parse = original;
    }
  });

  test('valid JSON passes through', () => {
    expect(parseJson('{"rules": []}')).toEqual({ ok: true, value: { rules: [] } });
  });
});

describe('a rule’s conditions as phrases', () => {
  test('the small-rural-school rule reads in a fixed order', () => {
    expect(conditionPhrases({ situation: ['green'], maxPupils: 180, settlement: 'rural', kinds: ['school'] })).toEqual([
      { key: 'kinds', values: ['school'] },
      { key: 'settlement', value: 'rural' },
      { key: 'maxPupils', n: 180 },
      { key: 'situation', values: ['green'] },
    ]);
  });

  test('malformed conditions are left out rather than shown wrong', () => {
    expect(conditionPhrases({ kinds: 'school', grades: [1, 'two'], level: 'class' })).toEqual([{ key: 'level', value: 'class' }]);
  });
});

describe('the rule set as text to edit', () => {
  test('short lists stay on one line, and the text parses back to the same value', () => {
    const body = {
      name: 'v2',
      rules: [{ id: '3', when: { kinds: ['school'], grades: [1, 2, 3, 4] }, then: { format: 'duty', subgroupMax: 15 } }],
      default: { format: 'distance' },
    };
    const text = prettyJson(body);
    expect(text).toContain('"grades": [1, 2, 3, 4]');
    expect(text.split('\n')[0]).toBe('{');
    expect(JSON.parse(text)).toEqual(body);
  });
});

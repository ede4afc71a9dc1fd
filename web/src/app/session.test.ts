import { expect, test } from 'vitest';
import { safeRedirect } from './session.js';

test('after sign-in we only return to a page of this app', () => {
  expect(safeRedirect('/classes/12?x=1')).toBe('/classes/12?x=1');
  expect(safeRedirect('/')).toBe('/');
  for (const bad of [
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'classes/1',
    '/sign-in?redirect=/',
    42,
    undefined,
    `/${'a'.repeat(600)}`,
  ]) {
    expect(safeRedirect(bad)).toBeUndefined();
  }
});

import { describe, expect, test } from 'vitest';
import { loadLiveConfig } from './live.config.js';
import { closesAt, openWindow, ticketExpiry, turnCredentials } from './live.rules.js';
import { liveDeps, liveStartupProblem, mediaServerAvailable } from './live.usecases.js';

const at = (s: string) => new Date(s);

describe('live rules', () => {
  test('a room opens 30 minutes before the start at the earliest and not after the end', () => {
    const starts = at('2020-12-09T09:00:00Z'),
      ends = at('2020-12-09T09:45:00Z');
    expect(openWindow(at('2020-12-09T08:29:59Z'), starts, ends)).toBe('early');
    expect(openWindow(at('2020-12-09T08:30:00Z'), starts, ends)).toBe('open');
    expect(openWindow(at('2020-12-09T09:44:59Z'), starts, ends)).toBe('open');
    expect(openWindow(at('2020-12-09T09:45:00Z'), starts, ends)).toBe('over');
  });

  test('a room closes 15 minutes after the end; a ticket never outlives its room', () => {
    const closes = closesAt(at('2020-12-09T09:45:00Z'));
    expect(closes.toISOString()).toBe('2020-12-09T10:00:00.000Z');
    expect(ticketExpiry(at('2020-12-09T09:00:00Z'), closes, 120).toISOString()).toBe(closes.toISOString());
    expect(ticketExpiry(at('2020-12-09T09:00:00Z'), closes, 10).toISOString()).toBe('2020-12-09T09:10:00.000Z');
  });
});

test('TURN credentials are what coturn checks with use-auth-secret', () => {
  const c = turnCredentials('north', new Date('2020-12-09T10:00:00Z'), 't7');
  expect(c.username).toBe('1607508000:t7');
  // the same as: printf '1607508000:t7' | openssl dgst -sha1 -hmac north -binary | base64
  expect(c.credential).toBe('y1XIrMOI9i4gLFmZX1dhZ3DhD6Q=');
  expect(loadLiveConfig({ LIVE_TURN_URLS: 'turn:a:3478, turns:b:5349', LIVE_TURN_SECRET: 'north' }).turn).toEqual({
    urls: ['turn:a:3478', 'turns:b:5349'],
    secret: 'north',
  });
});

describe('without a media server', () => {
  test('not configured: one line says live lessons are off, and the features report unavailable', async () => {
    const config = loadLiveConfig({ JANUS_URL: '' });
    expect(config.janus).toBeNull();
    expect(await liveStartupProblem(config)).toMatch(/^Live lessons are off: JANUS_URL is not set/);
    expect(await mediaServerAvailable(liveDeps(config))).toBe(false);
  });

  test('configured but not answering: the line names the address', async () => {
    const config = loadLiveConfig({ JANUS_URL: 'http://127.0.0.1:9/janus', JANUS_TIMEOUT_MS: '500' });
    expect(await liveStartupProblem(config)).toBe(
      'Live lessons are off: Janus at http://127.0.0.1:9/janus does not answer (live features answer 503 until it does)',
    );
    expect(await mediaServerAvailable(liveDeps(config))).toBe(false);
  });

  test('a bad JANUS_URL stops the start with a clear message', () => {
    expect(() => loadLiveConfig({ JANUS_URL: 'not a url' })).toThrow(/Invalid live configuration: JANUS_URL/);
  });
});

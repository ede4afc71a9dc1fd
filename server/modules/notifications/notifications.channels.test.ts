/** Channels: each person's choices per kind and channel, the SMS outbox, the send job and the HTTP gateway adapter. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { runDueJobs } from '../../platform/jobs.js';
import { demoIds, type DemoIds } from '../learning/learning.fixtures.js';
import { httpSmsGateway } from './notifications.sms.js';
import { notify, SMS_QUEUE, smsJob } from './notifications.usecases.js';

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const call = (who: string, method: 'GET' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie: cookies[who]! } });

/** A stand-in SMS gateway on a local port: answers with the statuses queued in `answers` (then 200). */
let gateway: Server;
let gatewayUrl = '';
const received: { body: Record<string, unknown>; auth: string | undefined }[] = [];
const answers: number[] = [];
const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => resolve(data));
  });

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const who of ['parent', 'teacher', 'ministry', 'admin']) cookies[who] = await t.login(`demo.${who}`);
  gateway = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    const status = answers.shift() ?? 200;
    received.push({ body, auth: req.headers.authorization });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? JSON.stringify({ id: `gw-${String(body.id)}` }) : '{"error":"busy"}');
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => gateway?.close(() => resolve()));
  await t?.close();
});

describe('preferences', () => {
  test('by default every kind comes in-app and none by SMS', async () => {
    const res = await call('parent', 'GET', '/api/notifications/preferences');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.smsPhone).toBeNull();
    expect(body.items.find((i: { kind: string; channel: string }) => i.kind === 'marks.given' && i.channel === 'in_app').enabled).toBe(true);
    expect(body.items.filter((i: { channel: string; enabled: boolean }) => i.channel === 'sms' && i.enabled)).toEqual([]);
  });

  test('an invalid phone number answers 400 with a clear error and writes nothing', async () => {
    const before = await t.one<number>('select count(*)::int from notification_preferences');
    const res = await call('parent', 'PUT', '/api/notifications/preferences', {
      smsPhone: '+7 12 34',
      items: [
        { kind: 'marks.given', channel: 'sms', enabled: true },
        { kind: 'message', channel: 'in_app', enabled: false },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('notifications.invalid_phone');
    expect(res.json().error.message).toMatch(/\+7/);
    expect(await t.one<number>('select count(*)::int from notification_preferences')).toBe(before);
    expect(await t.one<number>('select count(*)::int from notification_contacts')).toBe(0);
  });

  test('SMS for a kind without a number on file answers 422 and writes nothing', async () => {
    const res = await call('parent', 'PUT', '/api/notifications/preferences', { items: [{ kind: 'marks.given', channel: 'sms', enabled: true }] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('notifications.phone_required');
    expect(await t.one<number>('select count(*)::int from notification_preferences')).toBe(0);
  });

  test('a parent chooses SMS for marks (number normalised) and switches messages off in-app', async () => {
    const res = await call('parent', 'PUT', '/api/notifications/preferences', {
      smsPhone: '8 (701) 234-56-78',
      items: [
        { kind: 'marks.given', channel: 'sms', enabled: true },
        { kind: 'message', channel: 'in_app', enabled: false },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.smsPhone).toBe('+77012345678');
    const pick = (kind: string, channel: string) => body.items.find((i: { kind: string; channel: string }) => i.kind === kind && i.channel === channel).enabled;
    expect(pick('marks.given', 'sms')).toBe(true);
    expect(pick('message', 'in_app')).toBe(false);
    expect(pick('homework.set', 'sms')).toBe(false);
    // nobody else's choices changed
    expect((await call('teacher', 'GET', '/api/notifications/preferences')).json().smsPhone).toBeNull();
  });
});

describe('notify() follows the choices', () => {
  test('a kind switched off in-app is not written; a kind chosen for SMS is queued in the outbox with a send job', async () => {
    const now = new Date();
    const written = await t.db.transaction((tx) =>
      notify(
        tx,
        [
          { personId: ids.parent, kind: 'message', params: { author: 'Test' } },
          {
            personId: ids.parent,
            kind: 'marks.given',
            params: { child: 'Айару', subject: { kk: 'Математика', ru: 'Математика', en: 'Mathematics' }, score: 9 },
          },
          { personId: ids.teacher, kind: 'marks.given', params: {} },
        ],
        now,
      ),
    );
    expect(written).toBe(2); // the parent's message row is skipped
    const rows = (
      await t.db.query<{ phone: string; body: string; status: string }>(`select phone, body, status from sms_outbox where person_id = $1`, [ids.parent])
    ).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.phone).toBe('+77012345678');
    expect(rows[0]!.status).toBe('queued');
    expect(rows[0]!.body).toMatch(/^Sabaq: /);
    expect(await t.one<number>(`select count(*)::int from jobs where queue = $1 and done_at is null`, [SMS_QUEUE])).toBe(1);
  });

  test('a notify inside a transaction that rolls back leaves no row, no SMS and no job', async () => {
    const before = await t.one<number>('select count(*)::int from jobs');
    await expect(
      t.db.transaction(async (tx) => {
        await notify(tx, [{ personId: ids.parent, kind: 'marks.given', params: {} }], new Date());
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.one<number>('select count(*)::int from jobs')).toBe(before);
    expect(await t.one<number>('select count(*)::int from sms_outbox')).toBe(1);
  });
});

describe('the send job and the HTTP gateway adapter', () => {
  test('a gateway error is retried later with back-off; then the SMS is sent once, with the token', async () => {
    const handler = smsJob(httpSmsGateway({ url: gatewayUrl, token: 'secret-token', sender: 'Sabaq', timeoutMs: 2000 }));
    answers.push(503);
    const t0 = new Date();
    expect(await runDueJobs(t.db, SMS_QUEUE, handler, { now: () => t0 })).toBe(1);
    const job = (
      await t.db.query<{ attempts: number; run_at: Date; last_error: string; done_at: Date | null }>(
        'select attempts, run_at, last_error, done_at from jobs where queue = $1',
        [SMS_QUEUE],
      )
    ).rows[0]!;
    expect(job.attempts).toBe(1);
    expect(job.done_at).toBeNull();
    expect(job.last_error).toMatch(/503/);
    expect(job.run_at.getTime()).toBeGreaterThan(t0.getTime());
    const outbox = (await t.db.query<{ status: string; attempts: number }>('select status, attempts from sms_outbox')).rows[0]!;
    expect(outbox).toEqual({ status: 'queued', attempts: 1 });
    // not due yet: nothing runs
    expect(await runDueJobs(t.db, SMS_QUEUE, handler, { now: () => t0 })).toBe(0);
    // later it is
    const later = new Date(t0.getTime() + 3600_000);
    expect(await runDueJobs(t.db, SMS_QUEUE, handler, { now: () => later })).toBe(1);
    expect(received).toHaveLength(2);
    expect(received[1]!.body).toMatchObject({ to: '+77012345678', from: 'Sabaq' });
    expect(received[1]!.auth).toBe('Bearer secret-token');
    const sent = (await t.db.query<{ status: string; gateway_id: string; sent_at: Date | null }>('select status, gateway_id, sent_at from sms_outbox'))
      .rows[0]!;
    expect(sent.status).toBe('sent');
    expect(sent.gateway_id).toMatch(/^gw-/);
    expect(await t.one<number>('select count(*)::int from jobs where done_at is not null')).toBe(1);
    expect(await runDueJobs(t.db, SMS_QUEUE, handler, { now: () => later })).toBe(0);
  });

  test('a refusal (4xx) is given up at once and kept as failed, never deleted', async () => {
    await t.db.transaction((tx) => notify(tx, [{ personId: ids.parent, kind: 'marks.given', params: {} }], new Date()));
    answers.push(400);
    const handler = smsJob(httpSmsGateway({ url: gatewayUrl, token: null, sender: 'Sabaq', timeoutMs: 2000 }));
    expect(await runDueJobs(t.db, SMS_QUEUE, handler)).toBe(1);
    const failed = (await t.db.query<{ status: string; last_error: string }>(`select status, last_error from sms_outbox order by id desc limit 1`)).rows[0]!;
    expect(failed.status).toBe('failed');
    expect(failed.last_error).toMatch(/400/);
    expect(await t.one<number>('select count(*)::int from jobs where failed_at is not null')).toBe(1);
  });

  test('an invalid phone number never reaches the gateway', async () => {
    const gatewayCalls = received.length;
    await expect(httpSmsGateway({ url: gatewayUrl, token: null, sender: 'Sabaq', timeoutMs: 2000 }).send({ id: 1, to: '+7123', text: 'x' })).rejects.toThrow(
      /invalid_phone/,
    );
    expect(received).toHaveLength(gatewayCalls);
  });

  test('an unreachable gateway is retried, not lost', async () => {
    await t.db.transaction((tx) => notify(tx, [{ personId: ids.parent, kind: 'marks.given', params: {} }], new Date()));
    const handler = smsJob(httpSmsGateway({ url: 'http://127.0.0.1:9/nothing', token: null, sender: 'Sabaq', timeoutMs: 500 }));
    expect(await runDueJobs(t.db, SMS_QUEUE, handler)).toBe(1);
    const row = (await t.db.query<{ status: string; last_error: string }>(`select status, last_error from sms_outbox order by id desc limit 1`)).rows[0]!;
    expect(row.status).toBe('queued');
    expect(row.last_error).toMatch(/unreachable/);
  });
});

describe('the outbox for the operator', () => {
  test('the ministry officer reads it with masked numbers and counts; a school admin gets 404', async () => {
    const res = await call('ministry', 'GET', '/api/notifications/sms-outbox');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ queued: 1, sent: 1, failed: 1 });
    expect(body.items[0].phone).toBe('+7 701 *** ** 78');
    expect(res.body).not.toContain('+77012345678');
    expect((await call('ministry', 'GET', '/api/notifications/sms-outbox?status=failed')).json().items).toHaveLength(1);
    expect((await call('admin', 'GET', '/api/notifications/sms-outbox')).statusCode).toBe(404);
  });
});

import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, test } from 'vitest';
import { AdmissionGate } from './admission.js';

const options = { maxConcurrent: 1, maxQueue: 2, queueTimeoutMs: 5_000, retryAfterSeconds: 1 };

describe('AdmissionGate', () => {
  test('a grant runs in the async context of the request that asked, whether at once or from the queue', async () => {
    const gate = new AdmissionGate(options);
    const store = new AsyncLocalStorage<string>();
    const seen: [string, string | undefined][] = [];
    const ask = (name: string) =>
      store.run(name, () =>
        gate.acquire(
          () => seen.push([name, store.getStore()]),
          () => seen.push([`${name} refused`, store.getStore()]),
        ),
      );
    ask('first'); // a free slot: granted at once
    ask('second'); // queued
    ask('third'); // queued
    ask('fourth'); // the queue is full: refused at once
    expect(seen).toEqual([
      ['first', 'first'],
      ['fourth refused', 'fourth'],
    ]);
    // released from a context of its own (another request's end): the next waiter runs in its own context
    await store.run('elsewhere', async () => gate.release());
    await store.run('elsewhere', async () => gate.release());
    expect(seen.slice(2)).toEqual([
      ['second', 'second'],
      ['third', 'third'],
    ]);
    expect(gate.stats).toMatchObject({ inFlight: 1, queued: 0, admitted: 3, refusedQueueFull: 1 });
  });
});

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * EXPERIMENT, loaded into the server child only with `morning-peak --prepared-statements`
 * (node --import): every parameterised query the server sends becomes a named prepared statement,
 * named after a hash of its text. PostgreSQL then parses each statement once per connection and,
 * after five executions, reuses a cached generic plan instead of planning it on every request.
 * It measures the fix proposed in bench/README.md without touching the server's code.
 */
type QueryFn = (this: unknown, config: unknown, values?: unknown, callback?: unknown) => unknown;

const require = createRequire(import.meta.url);
// the same CommonJS instance of pg the server imports: one module cache per process
const pg = require('pg') as { Client: { prototype: { query: QueryFn } } };
const original = pg.Client.prototype.query;
const names = new Map<string, string>();
const MAX_NAMES = 10_000; // bounded: dynamic SQL must not grow the map (or PostgreSQL's statement cache) forever

pg.Client.prototype.query = function query(this: unknown, config: unknown, values?: unknown, callback?: unknown) {
  if (typeof config === 'string' && Array.isArray(values)) {
    let name = names.get(config);
    if (!name && names.size < MAX_NAMES) {
      name = `bench_${createHash('sha1').update(config).digest('hex').slice(0, 24)}`;
      names.set(config, name);
    }
    if (name) return original.call(this, { name, text: config, values }, callback);
  }
  return original.call(this, config, values, callback);
};

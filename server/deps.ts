import type { Config } from './platform/config.js';
import type { Db } from './platform/db.js';
import type { ChangeFeed } from './platform/listener.js';

/**
 * What the application is built around: main.ts and the tests make one, `buildApp` and every
 * module's routes take it. In its own file so the modules do not import server/app.ts (which imports
 * them): no type cycle.
 */
export interface AppDeps {
  db: Db;
  config: Config;
  /** Where logs go (stdout by default); tests pass a buffer to read them. */
  logStream?: NodeJS.WritableStream;
  /** The process's LISTEN connection (decision 0026); buildApp opens one when not given. */
  changes?: ChangeFeed;
}

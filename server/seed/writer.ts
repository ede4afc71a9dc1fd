import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The tables the seed fills, in foreign-key order, with the columns it writes. Every batch is
 * copied in this order, so a row only ever points at rows of the same or an earlier batch.
 */
export const TABLE_COLUMNS = {
  regions: ['id', 'code', 'kind', 'name_kk', 'name_ru', 'name_en', 'time_zone'],
  districts: ['id', 'region_id', 'name_kk', 'name_ru', 'name_en'],
  settlements: ['id', 'district_id', 'name_kk', 'name_ru', 'name_en', 'kind', 'internet', 'internet_mbps', 'tv_reception'],
  organisations: [
    'id',
    'settlement_id',
    'district_id',
    'region_id',
    'kind',
    'name_kk',
    'name_ru',
    'name_en',
    'bin',
    'instruction_language',
    'pupil_count',
    'time_zone',
  ],
  academic_years: ['id', 'name', 'starts_on', 'ends_on', 'is_current'],
  subjects: ['id', 'code', 'name_kk', 'name_ru', 'name_en'],
  persons: ['id', 'iin', 'last_name', 'first_name', 'middle_name', 'birth_date', 'sex', 'phone', 'email'],
  accounts: ['id', 'person_id', 'login', 'password_hash', 'language'],
  role_assignments: ['id', 'person_id', 'role', 'organisation_id', 'district_id', 'region_id'],
  parent_links: ['parent_id', 'child_id', 'relation'],
  classes: ['id', 'organisation_id', 'academic_year_id', 'kind', 'grade', 'letter', 'name', 'study_year', 'specialty', 'shift', 'homeroom_teacher_id'],
  class_members: ['class_id', 'pupil_id', 'joined_on'],
  rooms: ['id', 'organisation_id', 'name', 'capacity', 'kind'],
  teaching_assignments: ['id', 'teacher_id', 'class_id', 'subject_id'],
} as const;

export type Table = keyof typeof TABLE_COLUMNS;
export const TABLES = Object.keys(TABLE_COLUMNS) as Table[];
/** Tables whose `id` is `generated always as identity`: the generator assigns the ids itself. */
export const IDENTITY_TABLES = TABLES.filter((t) => (TABLE_COLUMNS[t] as readonly string[])[0] === 'id');

export type Value = string | number | boolean | null;

// COPY text format: backslash, tab, newline and carriage return are escaped; \N is null.
const NEEDS_ESCAPE = /[\\\t\n\r]/;
function encode(v: Value): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') {
    return NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
  }
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v);
}

export interface TableStats {
  rows: number;
  /** time PostgreSQL spent taking this table's rows (COPY round trips), ms */
  copyMs: number;
}

const CHUNK_BYTES = 1 << 20;

/** One table's rows of the current batch as COPY text, encoded straight into 1 MiB buffers (little garbage). */
class TableBuffer {
  chunks: Buffer[] = [];
  rows = 0;
  private current = Buffer.allocUnsafe(CHUNK_BYTES);
  private offset = 0;

  push(line: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: if that might not fit, start a new chunk
    if (this.offset + line.length * 3 > CHUNK_BYTES) {
      this.chunks.push(this.current.subarray(0, this.offset));
      this.current = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, line.length * 3));
      this.offset = 0;
    }
    this.offset += this.current.write(line, this.offset);
    this.rows++;
  }

  take(): Buffer[] {
    if (this.offset > 0) this.chunks.push(this.current.subarray(0, this.offset));
    return this.chunks;
  }
}

/**
 * Buffers generated rows per table and streams them into PostgreSQL with COPY on one connection,
 * a batch at a time, so memory stays bounded whatever the size. While PostgreSQL takes one batch,
 * the generator builds the next (see `checkpoint`).
 */
export class RowWriter {
  readonly stats = Object.fromEntries(TABLES.map((t) => [t, { rows: 0, copyMs: 0 }])) as Record<Table, TableStats>;
  private buffers = new Map<Table, TableBuffer>();
  private pending = 0;
  private inFlight: Promise<void> | null = null;
  private nextIds = Object.fromEntries(IDENTITY_TABLES.map((t) => [t, 1])) as Record<Table, number>;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly opts: { batchRows: number; onBatch?: (stats: Record<Table, TableStats>) => void },
  ) {}

  /** The next id of an identity table (ids are assigned here and written with COPY). */
  id(table: Table): number {
    return this.nextIds[table]++;
  }

  add(table: Table, values: Value[]): void {
    let line = encode(values[0]!);
    for (let i = 1; i < values.length; i++) line += `\t${encode(values[i]!)}`;
    let buf = this.buffers.get(table);
    if (!buf) {
      buf = new TableBuffer();
      this.buffers.set(table, buf);
    }
    buf.push(`${line}\n`);
    this.pending++;
  }

  /**
   * Called between units of work (an organisation). Starts a COPY batch when enough rows are
   * buffered; otherwise, while a batch is in flight, yields to the event loop so its bytes reach
   * the socket while we keep generating.
   */
  async checkpoint(): Promise<void> {
    if (this.pending >= this.opts.batchRows) {
      await this.inFlight;
      this.startBatch();
    } else if (this.inFlight) {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Writes whatever is buffered and waits for PostgreSQL to take it. */
  async finish(): Promise<void> {
    await this.inFlight;
    if (this.pending > 0) this.startBatch();
    await this.inFlight;
  }

  private startBatch(): void {
    const batch = this.buffers;
    this.buffers = new Map();
    this.pending = 0;
    this.inFlight = this.copyBatch(batch);
    // case: a failing COPY must surface at the next await, not as an unhandled rejection meanwhile
    this.inFlight.catch(() => {});
  }

  private async copyBatch(batch: Map<Table, TableBuffer>): Promise<void> {
    for (const table of TABLES) {
      const buf = batch.get(table);
      if (!buf?.rows) continue;
      const started = performance.now();
      const stream = this.client.query(copyFrom(`copy ${table} (${TABLE_COLUMNS[table].join(', ')}) from stdin`));
      await pipeline(Readable.from(buf.take()), stream);
      const s = this.stats[table];
      s.rows += buf.rows;
      s.copyMs += performance.now() - started;
      batch.delete(table); // let the buffers go as soon as they are in
    }
    this.opts.onBatch?.(this.stats);
  }
}

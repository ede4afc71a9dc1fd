import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './files.matrix.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sabaq-files-matrix-'));
process.env.FILES_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runMatrix(matrix);

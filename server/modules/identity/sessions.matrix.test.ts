import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './sessions.matrix.js';

runMatrix(matrix);

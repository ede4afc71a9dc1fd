import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './live.matrix.js';

runMatrix(matrix);

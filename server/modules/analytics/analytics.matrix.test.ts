import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './analytics.matrix.js';

runMatrix(matrix);

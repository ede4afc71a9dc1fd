import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './quality.matrix.js';

runMatrix(matrix);

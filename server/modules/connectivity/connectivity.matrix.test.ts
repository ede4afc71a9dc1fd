import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './connectivity.matrix.js';

runMatrix(matrix);

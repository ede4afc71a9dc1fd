import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './supplies.matrix.js';

runMatrix(matrix);

import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './duty.matrix.js';

runMatrix(matrix);

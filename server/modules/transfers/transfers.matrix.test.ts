import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './transfers.matrix.js';

runMatrix(matrix);

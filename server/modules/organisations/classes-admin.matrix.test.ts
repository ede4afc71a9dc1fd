import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './classes-admin.matrix.js';

runMatrix(matrix);

import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './access.matrix.js';

runMatrix(matrix);

import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './identity.matrix.js';

runMatrix(matrix);

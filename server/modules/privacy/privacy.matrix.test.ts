import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './privacy.matrix.js';

runMatrix(matrix);

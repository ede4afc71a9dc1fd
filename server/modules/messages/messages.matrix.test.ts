import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './messages.matrix.js';

runMatrix(matrix);

import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './formats.matrix.js';

runMatrix(matrix);

import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './training.matrix.js';

runMatrix(matrix);

import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './courses.matrix.js';

runMatrix(matrix);

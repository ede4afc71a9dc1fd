import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './organisations.matrix.js';

runMatrix(matrix);

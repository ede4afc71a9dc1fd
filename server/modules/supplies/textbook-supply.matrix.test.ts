import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './textbook-supply.matrix.js';

runMatrix(matrix);

import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './notifications.matrix.js';

runMatrix(matrix);

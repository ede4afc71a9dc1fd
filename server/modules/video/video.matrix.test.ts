import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './video.matrix.js';

runMatrix(matrix);

import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './onboarding.matrix.js';

runMatrix(matrix);

import { runMatrix } from '../../../test/authz-matrix.js';
import { matrix } from './learning.matrix.js';

/**
 * Every role against every e-journal endpoint, with objects inside its scope (the city school's 5 А,
 * demo.pupil), outside it (a school in another region) and missing; the rows are in learning.matrix.ts.
 */
runMatrix(matrix);

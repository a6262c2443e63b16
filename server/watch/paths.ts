/** Where watch-lists are kept unless told otherwise (a test passes its own folder). */
import { fromState } from '../paths.js';
export const watchDir = () => fromState('watchlists');

/** Where watch-lists are kept unless told otherwise (a test passes its own folder). */
export const WATCH_DIR = '.data/watchlists';

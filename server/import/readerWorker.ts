import { loadBrief } from './pipeline.js';
import { serveBriefs } from './readerProtocol.js';

// Entry point of the reading thread (see BriefReader).
serveBriefs(loadBrief);

export type { Knowledge } from '../lexicon/knowledge.js';

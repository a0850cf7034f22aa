export * from './enums.js';
export type * from './document.js';
export type * from './provenance.js';
export type * from './claim.js';
export type * from './mention.js';
export type * from './event-record.js';
export * from './reconcile-figures.js';
export * from './event-notes.js';
export * from './build-event-record.js';

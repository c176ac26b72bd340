// The local database: the Dexie class and its rows (database.ts), and one module of named queries
// per table or concern. Features reach tables only through these functions.
export * from './database';
export * from './meta';
export * from './customers';
export * from './cases';
export * from './interactions';
export * from './knowledge';
export * from './usage';
export * from './conflicts';
export * from './attachments';
export * from './outbox';
export * from './push-results';
export * from './changes';
export * from './sync-state';
export * from './account';
export * from './broadcasts';
export * from './queue';

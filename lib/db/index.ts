// The local database: the Dexie class and its rows (database.ts), and one module of named queries
// per table or concern. Features reach tables only through these functions.

export * from './account';
export * from './attachments';
export * from './broadcasts';
export * from './cases';
export * from './changes';
export * from './conflicts';
export * from './customers';
export * from './database';
export * from './interactions';
export * from './knowledge';
export * from './meta';
export * from './outbox';
export * from './pending';
export * from './push-results';
export * from './queue';
export * from './sync-state';
export * from './usage';

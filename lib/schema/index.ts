export * from './api';
export * from './attachments';
export * from './context';
export * from './entities';
export * from './manager';
export * from './messages';
export * from './queue';
export * from './sla';

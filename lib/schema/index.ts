export * from './entities';
export * from './context';
export * from './api';
export * from './messages';
export * from './manager';
export * from './queue';
export * from './sla';
export * from './attachments';

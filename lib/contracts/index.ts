export * from './alerts';
export * from './campus';
export * from './common';
export * from './fleet';
export * from './parse';
export * from './sales';
export * from './simulator-control';
export * from './topics';

export * from './deterministic';

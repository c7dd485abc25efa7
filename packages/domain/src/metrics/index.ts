export * from './daily-metrics';

export * from './daily-metrics';
export * from './ab-readout';
export * from './significance';

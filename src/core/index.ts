/**
 * taizhang core: the plan as data, the column tables, the rules and the report. Pure functions,
 * no file system and no clock: runs in Node and in a browser alike.
 */
export * from './columns.js';
export * from './config.js';
export * from './dates.js';
export * from './findings.js';
export * from './problems.js';
export * from './report.js';
export * from './roster.js';
export * from './table.js';
export * from './text.js';
export * from './rules/branches.js';
export * from './rules/duties.js';
export * from './rules/homeVisits.js';
export * from './rules/ledger.js';
export * from './rules/materials.js';
export * from './rules/opinions.js';
export * from './rules/phase.js';
export * from './rules/publicity.js';
export * from './rules/study.js';
export * from './rules/talks.js';
export * from './writeback.js';
export * from './collect.js';
export * from './plan.js';
export * from './rules/plan.js';

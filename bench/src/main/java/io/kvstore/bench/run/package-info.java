/**
 * One benchmark run: the modes compared, the plan (profiles and overrides), running each mode
 * through the same phases and faults, judging its history, and the comparison table.
 */
package io.kvstore.bench.run;

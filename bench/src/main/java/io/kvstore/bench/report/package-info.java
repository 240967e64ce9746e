/** The run's outputs beside the table: the JSON model and the self-contained HTML report. */
package io.kvstore.bench.report;

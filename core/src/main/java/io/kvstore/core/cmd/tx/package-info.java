/**
 * Transactions: MULTI, EXEC, DISCARD, WATCH, UNWATCH. The engine queues commands between MULTI
 * and EXEC (and flags queue-time errors); these commands carry the internal TX_CONTROL flag, so
 * they run immediately instead of being queued. EXEC runs the queue through the engine's nested
 * call path, so every queued command's effects land in one list and two or more of them travel
 * as MULTI ... EXEC.
 */
package io.kvstore.core.cmd.tx;

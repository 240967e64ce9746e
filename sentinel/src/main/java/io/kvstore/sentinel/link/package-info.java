/**
 * Outgoing connections from a sentinel to masters, replicas and other sentinels: a minimal
 * asynchronous RESP client (commands written as RESP arrays, replies decoded in order and handed
 * to per-command callbacks; on a pub/sub connection every message after SUBSCRIBE).
 */
package io.kvstore.sentinel.link;

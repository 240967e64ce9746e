/**
 * The RESP front door of a node: a Netty server whose connections parse client requests, hand
 * them to the engine thread in per-read batches, and write the engine's replies back encoded for
 * the client's protocol version (RESP2 or RESP3).
 */
package io.kvstore.gateway;

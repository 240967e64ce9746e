/**
 * RESP wire format: the incremental request parser (multibulk and inline, with Redis's exact
 * protocol errors and limits) and the reply encoder (RESP2 downgrades and RESP3 types).
 * Nothing here touches a socket, so it is tested by feeding bytes.
 */
package io.kvstore.gateway.codec;

/**
 * Fault injection on the network: a TCP proxy on each link between cluster members that the
 * benchmark can block (bytes held, nothing forwarded, as a firewall dropping packets) and unblock.
 */
package io.kvstore.bench.net;

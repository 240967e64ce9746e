/**
 * RDB version 10, the file Redis writes for SAVE and sends in a full resync, for datasets of
 * strings: {@link io.kvstore.persistence.rdb.RdbWriter} (byte-compatible with redis-server 7.0's
 * output: integer and LZF encodings, aux fields, CRC64), {@link io.kvstore.persistence.rdb.RdbReader}
 * (streaming, every length and string encoding, versions 1 to 10, hardened against truncated and
 * corrupt input), their codecs {@link io.kvstore.persistence.rdb.Crc64} and
 * {@link io.kvstore.persistence.rdb.Lzf}, and {@link io.kvstore.persistence.rdb.RdbLoader}, which
 * builds a new store from a stream in a staging directory.
 */
package io.kvstore.persistence.rdb;

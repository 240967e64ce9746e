package io.kvstore.core.reply;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A command's answer as a value, independent of the wire protocol.
 *
 * <p>Replies carry RESP3 meaning (maps, doubles, nulls, push frames); the RESP encoder downgrades
 * them for RESP2 clients exactly as Redis does (map → flat array, double → bulk string, null →
 * {@code $-1} or {@code *-1}). The gRPC layer maps the same values onto protobuf messages.
 */
public sealed interface Reply {

  /** {@code +OK}-style status line. */
  record Simple(String text) implements Reply {}

  /** {@code -ERR ...}: the full text including the error code prefix. */
  record Error(String text) implements Reply {
    public String code() {
      int sp = text.indexOf(' ');
      return sp < 0 ? text : text.substring(0, sp);
    }
  }

  record Int(long value) implements Reply {}

  record Bulk(byte[] value) implements Reply {
    public String utf8() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  /** Null bulk string: RESP2 {@code $-1}, RESP3 {@code _}. */
  record NullBulk() implements Reply {}

  /** Null array: RESP2 {@code *-1}, RESP3 {@code _}. */
  record NullArray() implements Reply {}

  record Array(List<Reply> items) implements Reply {}

  /** Map reply as alternating key/value items: RESP3 {@code %}, RESP2 flat array. */
  record MapReply(List<Reply> keyValues) implements Reply {}

  /** RESP3 set {@code ~}, RESP2 array. */
  record SetReply(List<Reply> items) implements Reply {}

  /** RESP3 double {@code ,}, RESP2 bulk string in Redis's formatting. */
  record DoubleReply(double value) implements Reply {}

  /** RESP3 boolean {@code #}, RESP2 integer 0/1. */
  record Bool(boolean value) implements Reply {}

  /** RESP3 verbatim string {@code =}, RESP2 bulk string. */
  record Verbatim(String format, String text) implements Reply {}

  /** Out-of-band data (pub/sub messages): RESP3 {@code >}, RESP2 array. */
  record Push(List<Reply> items) implements Reply {}

  /** The command produced no reply now (QUIT after its +OK, blocked client, replica link). */
  record None() implements Reply {}

  Reply OK = new Simple("OK");
  Reply QUEUED = new Simple("QUEUED");
  Reply PONG = new Simple("PONG");
  Reply NULL = new NullBulk();
  Reply NULL_ARRAY = new NullArray();
  Reply ZERO = new Int(0);
  Reply ONE = new Int(1);
  Reply NONE = new None();
  Reply EMPTY_ARRAY = new Array(List.of());

  static Reply integer(long v) {
    return v == 0 ? ZERO : v == 1 ? ONE : new Int(v);
  }

  static Reply bulk(byte[] v) {
    return v == null ? NULL : new Bulk(v);
  }

  static Reply bulk(String v) {
    return v == null ? NULL : new Bulk(v.getBytes(StandardCharsets.UTF_8));
  }

  static Reply simple(String v) {
    return new Simple(v);
  }

  static Reply error(String fullText) {
    return new Error(fullText);
  }

  static Reply array(List<Reply> items) {
    return new Array(items);
  }

  static Reply array(Reply... items) {
    return new Array(List.of(items));
  }
}

package io.kvstore.core.store;

/** Stored value types; the byte is the on-disk tag. Only strings exist so far. */
public enum ValueType {
  STRING((byte) 0, "string");

  private final byte tag;
  private final String typeName;

  ValueType(byte tag, String typeName) {
    this.tag = tag;
    this.typeName = typeName;
  }

  public byte tag() {
    return tag;
  }

  /** The name TYPE and SCAN ... TYPE use. */
  public String typeName() {
    return typeName;
  }

  public static ValueType ofTag(byte tag) {
    for (ValueType t : values()) if (t.tag == tag) return t;
    throw new IllegalArgumentException("unknown value type tag " + tag);
  }
}

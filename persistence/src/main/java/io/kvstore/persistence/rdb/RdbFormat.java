package io.kvstore.persistence.rdb;

/**
 * The RDB constants: opcodes, value type bytes, length and string encodings (Redis 7.0,
 * {@code rdb.h}). Only type {@link #TYPE_STRING} is loaded; every other type byte has a name, so
 * a refusal can say what the file holds.
 */
public final class RdbFormat {
  private RdbFormat() {}

  /** The version this code writes; files of versions 1 to 10 are read. */
  public static final int VERSION = 10;
  /** Version from which files end with a CRC64. */
  public static final int FIRST_VERSION_WITH_CHECKSUM = 5;

  public static final int OPCODE_FUNCTION2 = 0xF5;
  /** Library data as written by 7.0 release candidates 1 and 2. */
  public static final int OPCODE_FUNCTION = 0xF6;
  public static final int OPCODE_MODULE_AUX = 0xF7;
  public static final int OPCODE_IDLE = 0xF8;
  public static final int OPCODE_FREQ = 0xF9;
  public static final int OPCODE_AUX = 0xFA;
  public static final int OPCODE_RESIZEDB = 0xFB;
  public static final int OPCODE_EXPIRETIME_MS = 0xFC;
  public static final int OPCODE_EXPIRETIME = 0xFD;
  public static final int OPCODE_SELECTDB = 0xFE;
  public static final int OPCODE_EOF = 0xFF;

  public static final int TYPE_STRING = 0;

  /** Length prefixes: top two bits 00, 01; whole bytes 0x80, 0x81; top bits 11 = encoded. */
  public static final int LEN_6BIT = 0;
  public static final int LEN_14BIT = 1;
  public static final int LEN_32BIT = 0x80;
  public static final int LEN_64BIT = 0x81;
  public static final int LEN_ENCVAL = 3;

  public static final int ENC_INT8 = 0;
  public static final int ENC_INT16 = 1;
  public static final int ENC_INT32 = 2;
  public static final int ENC_LZF = 3;

  /** Module value opcodes (inside MODULE_AUX and module values). */
  public static final int MODULE_OPCODE_EOF = 0;
  public static final int MODULE_OPCODE_SINT = 1;
  public static final int MODULE_OPCODE_UINT = 2;
  public static final int MODULE_OPCODE_FLOAT = 3;
  public static final int MODULE_OPCODE_DOUBLE = 4;
  public static final int MODULE_OPCODE_STRING = 5;

  /** A readable name for a value type byte, e.g. {@code "list (quicklist)"}. */
  public static String typeName(int type) {
    switch (type) {
      case 0: return "string";
      case 1: return "list";
      case 2: return "set";
      case 3: return "zset";
      case 4: return "hash";
      case 5: return "zset (zset2)";
      case 6: return "module (pre-release)";
      case 7: return "module";
      case 9: return "hash (zipmap)";
      case 10: return "list (ziplist)";
      case 11: return "set (intset)";
      case 12: return "zset (ziplist)";
      case 13: return "hash (ziplist)";
      case 14: return "list (quicklist)";
      case 15: return "stream (listpacks)";
      case 16: return "hash (listpack)";
      case 17: return "zset (listpack)";
      case 18: return "list (quicklist2)";
      case 19: return "stream (listpacks2)";
      default: return "unknown";
    }
  }

  /** True for the type bytes Redis 7.0 defines (so not an opcode and not garbage). */
  public static boolean isKnownType(int type) {
    return type >= 0 && type <= 19 && type != 8;
  }
}

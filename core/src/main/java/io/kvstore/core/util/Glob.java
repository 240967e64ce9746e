package io.kvstore.core.util;

/**
 * Redis glob-style matching (KEYS, SCAN MATCH, PSUBSCRIBE, CONFIG GET): {@code *}, {@code ?},
 * {@code [abc]}, {@code [^a-z]}, and {@code \} escapes, over raw bytes.
 */
public final class Glob {
  private Glob() {}

  public static boolean matches(byte[] pattern, byte[] text, boolean nocase) {
    return match(pattern, 0, text, 0, nocase, 0);
  }

  public static boolean matches(String pattern, String text) {
    return matches(pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
  }

  private static int fold(int c, boolean nocase) {
    c &= 0xff;
    return nocase && c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  private static boolean match(byte[] p, int pi, byte[] s, int si, boolean nocase, int depth) {
    if (depth > 1000) return false; // pathological patterns: give up like Redis's nesting limit
    while (pi < p.length) {
      int pc = p[pi] & 0xff;
      switch (pc) {
        case '*' -> {
          while (pi + 1 < p.length && p[pi + 1] == '*') pi++;
          if (pi + 1 == p.length) return true;
          for (int k = si; k <= s.length; k++) {
            if (match(p, pi + 1, s, k, nocase, depth + 1)) return true;
          }
          return false;
        }
        case '?' -> {
          if (si >= s.length) return false;
          si++;
        }
        case '[' -> {
          if (si >= s.length) return false;
          pi++;
          boolean not = pi < p.length && p[pi] == '^';
          if (not) pi++;
          boolean matched = false;
          int c = fold(s[si], nocase);
          while (pi < p.length && p[pi] != ']') {
            if (p[pi] == '\\' && pi + 1 < p.length) {
              pi++;
              if (fold(p[pi], nocase) == c) matched = true;
            } else if (pi + 2 < p.length && p[pi + 1] == '-' && p[pi + 2] != ']') {
              int start = fold(p[pi], nocase);
              int end = fold(p[pi + 2], nocase);
              if (start > end) {
                int t = start;
                start = end;
                end = t;
              }
              pi += 2;
              if (c >= start && c <= end) matched = true;
            } else if (fold(p[pi], nocase) == c) {
              matched = true;
            }
            pi++;
          }
          if (pi >= p.length) pi--; // unterminated class: Redis treats end of pattern as ']'
          if (not) matched = !matched;
          if (!matched) return false;
          si++;
        }
        case '\\' -> {
          if (pi + 1 < p.length) pi++;
          if (si >= s.length || fold(p[pi], nocase) != fold(s[si], nocase)) return false;
          si++;
        }
        default -> {
          if (si >= s.length || fold(pc, nocase) != fold(s[si], nocase)) return false;
          si++;
        }
      }
      pi++;
    }
    return si == s.length;
  }
}

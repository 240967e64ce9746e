package io.kvstore.core.cmd.server;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.config.Config;
import io.kvstore.core.config.ConfigParam;
import io.kvstore.core.config.SpecialValues;
import io.kvstore.core.reply.Errors;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * CONFIG SET name value [name value ...], all or nothing, as Redis 7.0: every name is checked
 * first (unknown, immutable, protected, given twice: the first problem is reported), then every
 * value is validated, then all are applied; if applying one fails (a listener refuses it) the
 * earlier ones are put back. Errors carry Redis's texts and the offending argument.
 */
public final class ConfigSet implements Command {
  /** Redis's PROTECTED_CONFIG parameters: changeable only when enable-protected-configs allows. */
  private static final Set<String> PROTECTED = Set.of("dir", "dbfilename");

  @Override
  public Reply execute(Ctx ctx, Args args) {
    if (args.size() % 2 != 0) return Reply.error(Errors.SYNTAX);
    Config config = ctx.node().config();
    int n = (args.size() - 2) / 2;
    List<ConfigParam> params = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = args.str(2 + 2 * i);
      ConfigParam p = config.param(name);
      if (p == null) return Reply.error(Errors.configSetUnknown(name));
      if (!p.mutable()) return Reply.error(Errors.configSetFailed(name, "can't set immutable config"));
      if (PROTECTED.contains(p.name()) && !protectedAllowed(ctx)) {
        return Reply.error(Errors.configSetFailed(name, "can't set protected config"));
      }
      if (params.contains(p)) return Reply.error(Errors.configSetFailed(name, "duplicate parameter"));
      params.add(p);
    }
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ConfigParam p = params.get(i);
      String raw = args.str(3 + 2 * i);
      try {
        values.add(normalize(config, p, raw));
      } catch (IllegalArgumentException e) {
        return Reply.error(Errors.configSetFailed(p.name(), e.getMessage()));
      }
    }
    List<String> old = new ArrayList<>(n);
    for (ConfigParam p : params) old.add(config.get(p.name()));
    for (int i = 0; i < n; i++) {
      try {
        config.set(params.get(i).name(), values.get(i), true);
      } catch (RuntimeException e) {
        for (int j = 0; j <= i; j++) {
          try {
            config.set(params.get(j).name(), old.get(j), true);
          } catch (RuntimeException ignored) {
            // best effort, as Redis's restoreBackupConfig
          }
        }
        return Reply.error(Errors.configSetFailed(params.get(i).name(), String.valueOf(e.getMessage())));
      }
    }
    return Reply.OK;
  }

  /** Validates a value; multi-argument values are split on single spaces like Redis. */
  static String normalize(Config config, ConfigParam p, String raw) {
    String name = p.name();
    if (!SpecialValues.isSpecial(name)) return p.normalize(raw);
    List<String> parts = !SpecialValues.isMultiArg(name) ? List.of(raw)
        : raw.isEmpty() ? List.of() : Arrays.asList(raw.split(" ", -1));
    return SpecialValues.normalize(name, parts, config.get(name), false);
  }

  private static boolean protectedAllowed(Ctx ctx) {
    String mode = ctx.node().config().get("enable-protected-configs");
    return mode.equals("yes") || (mode.equals("local") && ClientLines.isLocal(ctx.session()));
  }
}

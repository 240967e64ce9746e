package io.kvstore.server.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kvstore bench [options]}: the consistency and performance benchmark. It lives in the
 * bench module, which depends on this one, so it is found at run time: {@code bin/kvstore bench}
 * puts {@code bench/target/kvstore-bench.jar} beside the server jar on the class path. Every
 * argument, {@code --help} included, goes to the benchmark's own command line.
 */
@Command(name = "bench", description = "Compare the replication modes under faults (see kvstore bench --help).")
public final class BenchCommand implements Callable<Integer> {
  static final String ENTRY = "io.kvstore.bench.cli.BenchMain";

  @Parameters(arity = "0..*", paramLabel = "ARGS", description = "The benchmark's options (kvstore bench --help).")
  List<String> args = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Method run;
    try {
      run = Class.forName(ENTRY).getMethod("run", String[].class, PrintWriter.class, PrintWriter.class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      err.println("kvstore bench: the benchmark is not on the class path; run it as bin/kvstore bench"
          + " (it adds bench/target/kvstore-bench.jar)");
      err.flush();
      return 2;
    }
    try {
      return (Integer) run.invoke(null, args.toArray(new String[0]), out, err);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }
}

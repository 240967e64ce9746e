package io.kvstore.bench.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How cluster processes are started: which java, which shaded kvstore jar, which JVM options.
 * Nodes get bin/kvstore's defaults (parallel collector, young generation capped, Netty's leak
 * detector off) with a bounded heap; sentinels, which do little, a small heap and the serial
 * collector, so that six JVMs share two cores without fighting.
 */
public record Launcher(Path java, Path jar, List<String> nodeJvmOptions, List<String> sentinelJvmOptions) {
  public Launcher {
    nodeJvmOptions = List.copyOf(nodeJvmOptions);
    sentinelJvmOptions = List.copyOf(sentinelJvmOptions);
  }

  /** The running JVM's java and the given jar, with the default options. */
  public static Launcher of(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("kvstore jar not found: " + jar + " (build it with: mvn -pl server -am package)");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new Launcher(java, jar.toAbsolutePath(),
        List.of("-Xmx768m", "-XX:+UseParallelGC", "-XX:MaxNewSize=64m", "-Xss512k",
            "-Dio.netty.leakDetection.level=disabled"),
        List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
  }

  /** {@code java <node options> <extra> -jar kvstore.jar server <args>}. */
  public List<String> server(List<String> extraJvm, List<String> args) {
    return command(nodeJvmOptions, extraJvm, "server", args);
  }

  /** {@code java <sentinel options> -jar kvstore.jar sentinel <args>}. */
  public List<String> sentinel(List<String> args) {
    return command(sentinelJvmOptions, List.of(), "sentinel", args);
  }

  private List<String> command(List<String> base, List<String> extraJvm, String sub, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.addAll(base);
    cmd.addAll(extraJvm);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add(sub);
    cmd.addAll(args);
    return cmd;
  }
}

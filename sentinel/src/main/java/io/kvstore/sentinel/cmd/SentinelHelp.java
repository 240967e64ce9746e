package io.kvstore.sentinel.cmd;

import io.kvstore.core.command.Args;
import io.kvstore.core.command.Command;
import io.kvstore.core.command.Ctx;
import io.kvstore.core.reply.Reply;
import java.util.ArrayList;
import java.util.List;

/** SENTINEL HELP. */
final class SentinelHelp implements Command {
  private static final String[] LINES = {
      "SENTINEL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "CKQUORUM <master-name>",
      "    Check if the current Sentinel configuration is able to reach the quorum",
      "    needed to failover a master and the majority needed to authorize the",
      "    failover.",
      "CONFIG SET <param> <value>",
      "    Set a global Sentinel configuration parameter.",
      "CONFIG GET <param>",
      "    Get global Sentinel configuration parameter.",
      "DEBUG [<param> <value> ...]",
      "    Show a list of configurable time parameters and their values (milliseconds).",
      "    Or update current configurable parameters values (one or more).",
      "GET-MASTER-ADDR-BY-NAME <master-name>",
      "    Return the ip and port number of the master with that name.",
      "FAILOVER <master-name>",
      "    Manually failover a master node without asking for agreement from other",
      "    Sentinels",
      "FLUSHCONFIG",
      "    Force Sentinel to rewrite its configuration on disk, including the current",
      "    Sentinel state.",
      "INFO-CACHE <master-name>",
      "    Return last cached INFO output from masters and all its replicas.",
      "IS-MASTER-DOWN-BY-ADDR <ip> <port> <current-epoch> <runid>",
      "    Check if the master specified by ip:port is down from current Sentinel's",
      "    point of view.",
      "MASTER <master-name>",
      "    Show the state and info of the specified master.",
      "MASTERS",
      "    Show a list of monitored masters and their state.",
      "MONITOR <name> <ip> <port> <quorum>",
      "    Start monitoring a new master with the specified name, ip, port and quorum.",
      "MYID",
      "    Return the ID of the Sentinel instance.",
      "PENDING-SCRIPTS",
      "    Get pending scripts information.",
      "REMOVE <master-name>",
      "    Remove master from Sentinel's monitor list.",
      "REPLICAS <master-name>",
      "    Show a list of replicas for this master and their state.",
      "RESET <pattern>",
      "    Reset masters for specific master name matching this pattern.",
      "SENTINELS <master-name>",
      "    Show a list of Sentinel instances for this master and their state.",
      "SET <master-name> <option> <value> [<option> <value> ...]",
      "    Set configuration parameters for certain masters.",
      "SIMULATE-FAILURE [CRASH-AFTER-ELECTION] [CRASH-AFTER-PROMOTION] [HELP]",
      "    Simulate a Sentinel crash.",
      "HELP",
      "    Prints this help."};

  @Override
  public Reply execute(Ctx ctx, Args args) {
    List<Reply> out = new ArrayList<>();
    for (String l : LINES) out.add(Reply.simple(l));
    return Reply.array(out);
  }
}

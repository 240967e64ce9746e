package io.kvstore.core.reply;

import java.nio.charset.StandardCharsets;

/** Canonical Redis 7.0 error texts, in one place so every front door answers identically. */
public final class Errors {
  private Errors() {}

  public static final String WRONG_TYPE =
      "WRONGTYPE Operation against a key holding the wrong kind of value";
  public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
  public static final String NOT_FLOAT = "ERR value is not a valid float";
  public static final String SYNTAX = "ERR syntax error";
  public static final String NO_SUCH_KEY = "ERR no such key";
  public static final String OVERFLOW = "ERR increment or decrement would overflow";
  public static final String DECREMENT_OVERFLOW = "ERR decrement would overflow";
  public static final String INCR_NAN_OR_INF = "ERR increment would produce NaN or Infinity";
  public static final String DB_INDEX = "ERR DB index is out of range";
  public static final String INVALID_DB_INDEX = "ERR invalid DB index";
  public static final String NOAUTH = "NOAUTH Authentication required.";
  public static final String WRONGPASS =
      "WRONGPASS invalid username-password pair or user is disabled.";
  public static final String AUTH_NOT_CONFIGURED =
      "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?";
  public static final String MULTI_NESTED = "ERR MULTI calls can not be nested";
  public static final String EXEC_WITHOUT_MULTI = "ERR EXEC without MULTI";
  public static final String DISCARD_WITHOUT_MULTI = "ERR DISCARD without MULTI";
  public static final String WATCH_IN_MULTI = "ERR WATCH inside MULTI is not allowed";
  public static final String EXECABORT =
      "EXECABORT Transaction discarded because of previous errors.";
  public static final String NOT_ALLOWED_IN_MULTI = "ERR Command not allowed inside a transaction";
  public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
  public static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";
  public static final String NO_PROTO = "NOPROTO unsupported protocol version";

  // RESP protocol errors (the connection is closed after the reply).
  public static final String PROTO_INVALID_MULTIBULK_LEN = "ERR Protocol error: invalid multibulk length";
  public static final String PROTO_INVALID_BULK_LEN = "ERR Protocol error: invalid bulk length";
  public static final String PROTO_TOO_BIG_MBULK_COUNT = "ERR Protocol error: too big mbulk count string";
  public static final String PROTO_TOO_BIG_BULK_COUNT = "ERR Protocol error: too big bulk count string";
  public static final String PROTO_TOO_BIG_INLINE = "ERR Protocol error: too big inline request";
  public static final String PROTO_UNBALANCED_QUOTES = "ERR Protocol error: unbalanced quotes in request";
  public static final String PROTO_UNAUTH_MULTIBULK_LEN = "ERR Protocol error: unauthenticated multibulk length";
  public static final String PROTO_UNAUTH_BULK_LEN = "ERR Protocol error: unauthenticated bulk length";
  public static final String MAX_CLIENTS = "ERR max number of clients reached";

  /** {@code ERR Protocol error: expected '$', got 'x'} (CR/LF shown as spaces, as Redis does). */
  public static String protoExpectedDollar(char got) {
    char c = got == '\r' || got == '\n' ? ' ' : got;
    return "ERR Protocol error: expected '$', got '" + c + "'";
  }

  public static final String SAME_OBJECT = "ERR source and destination objects are the same";
  public static final String INVALID_CURSOR = "ERR invalid cursor";
  /** getIntFromObjectOrReply when the number parses but does not fit a C int. */
  public static final String INT_OUT_OF_RANGE =
      "ERR value is out of range, value must between -2147483648 and 2147483647";
  public static final String SWAPDB_FIRST_INDEX = "ERR invalid first DB index";
  public static final String SWAPDB_SECOND_INDEX = "ERR invalid second DB index";
  public static final String EXPIRE_NX_CONFLICT =
      "ERR NX and XX, GT or LT options at the same time are not compatible";
  public static final String EXPIRE_GT_LT_CONFLICT =
      "ERR GT and LT options at the same time are not compatible";

  /** EXPIRE family: an option other than NX/XX/GT/LT, echoed as given. */
  public static String unsupportedOption(String option) {
    return "ERR Unsupported option " + option;
  }

  public static String wrongArity(String commandName) {
    return "ERR wrong number of arguments for '" + commandName + "' command";
  }

  public static String invalidExpire(String commandName) {
    return "ERR invalid expire time in '" + commandName + "' command";
  }

  public static String unknownSubcommand(String sub, String container) {
    return "ERR unknown subcommand '" + truncate(sub) + "'. Try " + container.toUpperCase() + " HELP.";
  }

  // connection, transactions, pub/sub
  public static final String NOAUTH_HELLO = "NOAUTH HELLO must be called with the client already "
      + "authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate "
      + "the client and select the RESP protocol version at the same time";
  public static final String HELLO_PROTO_NOT_INTEGER =
      "ERR Protocol version is not an integer or out of range";
  public static final String CLIENT_NAME_INVALID =
      "ERR Client names cannot contain spaces, newlines or special characters.";
  public static final String RESET_NOT_NORMAL_CLIENT = "ERR can only reset normal client connections";

  public static String helloSyntax(String option) {
    return "ERR Syntax error in HELLO option '" + option + "'";
  }

  /** EXEC refused by a gate that changed since queueing: the gate's own error follows. */
  public static String execAbortBecause(String error) {
    return "EXECABORT Transaction discarded because of: " + error;
  }

  /** A subcommand used with the wrong number of arguments (addReplySubcommandSyntaxError). */
  public static String subcommandSyntax(String sub, String container) {
    return "ERR unknown subcommand or wrong number of arguments for '" + truncate(sub)
        + "'. Try " + container.toUpperCase(java.util.Locale.ROOT) + " HELP.";
  }

  // server / admin (INFO, CONFIG, COMMAND, CLIENT, SAVE, SHUTDOWN, DEBUG)
  public static final String NO_SUCH_CLIENT = "ERR No such client";
  public static final String INVALID_CLIENT_ID = "ERR Invalid client ID";
  public static final String CLIENT_ID_NOT_POSITIVE = "ERR client-id should be greater than 0";
  public static final String NO_CONFIG_FILE = "ERR The server is running without a config file";
  public static final String NO_SHUTDOWN_IN_PROGRESS = "ERR No shutdown in progress.";
  public static final String GENERIC_ERR = "ERR";
  public static final String GETKEYS_INVALID_COMMAND = "ERR Invalid command specified";
  public static final String GETKEYS_NO_KEYS = "ERR The command has no key arguments";
  public static final String GETKEYS_BAD_ARITY =
      "ERR Invalid number of arguments specified for command";
  public static final String GETKEYS_INVALID_ARGS = "ERR Invalid arguments specified for command";
  public static final String DEBUG_NOT_ALLOWED = "ERR DEBUG command not allowed. If the "
      + "enable-debug-command option is set to \"local\", you can run it from a local connection, "
      + "otherwise you need to set this option in the configuration file, and then restart the server.";

  // replication (REPLICAOF, PSYNC, REPLCONF, WAIT and the replica/master gates)
  public static final String READONLY_REPLICA = "READONLY You can't write against a read only replica.";
  public static final String MASTERDOWN =
      "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
  public static final String NOREPLICAS = "NOREPLICAS Not enough good replicas to write.";
  public static final String NOMASTERLINK = "NOMASTERLINK Can't SYNC while not connected with my master";
  public static final String WAIT_ON_REPLICA = "ERR WAIT cannot be used with replica instances. Please "
      + "also note that since Redis 4.0 if a replica is configured to be writable (which is not the "
      + "default) writes to replicas are just local and are not propagated.";
  public static final String INVALID_MASTER_PORT = "ERR Invalid master port";
  public static final String REPLICAOF_FROM_REPLICA = "ERR Command is not valid when client is a replica.";
  public static final String TIMEOUT_NOT_INTEGER = "ERR timeout is not an integer or out of range";
  public static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
  public static final String PSYNC_FAILOVER_TO_MASTER = "ERR PSYNC FAILOVER can't be sent to a master.";
  public static final String PSYNC_FAILOVER_REPLID = "ERR PSYNC FAILOVER replid must match my replid.";
  public static final String SYNC_PENDING_OUTPUT = "ERR SYNC and PSYNC are invalid with pending output";

  /** REPLCONF with an option it does not know. */
  public static String unrecognizedReplconf(String option) {
    return "ERR Unrecognized REPLCONF option: " + option;
  }

  public static String replconfIpTooLong(int bytes) {
    return "ERR REPLCONF ip-address provided by replica instance is too long: " + bytes + " bytes";
  }

  public static String unknownClientType(String type) {
    return "ERR Unknown client type '" + type + "'";
  }

  public static String noSuchUser(String user) {
    return "ERR No such user '" + user + "'";
  }

  public static String configSetUnknown(String name) {
    return "ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'";
  }

  public static String configSetFailed(String name, String reason) {
    return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason;
  }

  public static String configRewriteFailed(String reason) {
    return "ERR Rewriting config file: " + reason;
  }

  /** Redis: {@code ERR unknown command 'foo', with args beginning with: 'a' 'b' }. */
  public static String unknownCommand(byte[][] argv) {
    StringBuilder sb = new StringBuilder("ERR unknown command '")
        .append(truncate(new String(argv[0], StandardCharsets.UTF_8)))
        .append("', with args beginning with: ");
    StringBuilder args = new StringBuilder();
    for (int i = 1; i < argv.length && args.length() < 128; i++) {
      String a = new String(argv[i], StandardCharsets.UTF_8);
      int room = 128 - args.length();
      args.append('\'').append(a.length() > room ? a.substring(0, room) : a).append("' ");
    }
    sb.append(args);
    return sb.toString().replace('\r', ' ').replace('\n', ' ');
  }

  // raft mode (no leader, timeouts with an unknown outcome, redirects, RAFT admin)
  public static final String RAFT_NO_LEADER =
      "CLUSTERDOWN No Raft leader is known at the moment, try again later";
  public static final String RAFT_READ_TIMEOUT =
      "TRYAGAIN The read could not be confirmed by a Raft majority in time, try again later";
  public static final String RAFT_NOT_MEMBER =
      "CLUSTERDOWN This node is not a member of a Raft group yet (add it with RAFT ADD)";

  /** A write was (or may have been) proposed but its outcome was not learned in time. */
  public static String raftUnknown(String why) {
    return "UNKNOWN The write may or may not have been applied: " + why;
  }

  /** raft-follower-writes redirect: the leader's client address (the slot is always 0). */
  public static String raftMoved(String hostPort) {
    return "MOVED 0 " + hostPort;
  }

  public static String raftAdmin(String why) {
    return "ERR " + why;
  }

  /** A write whose log entry would exceed the raft mode's entry size limit (nothing proposed). */
  public static String raftEntryTooLarge(long bytes, long max) {
    return "ERR write too large for the Raft log (" + bytes + " bytes, at most " + max + ")";
  }

  // Sentinel (client-facing SENTINEL commands of a sentinel process)
  public static final String NO_SUCH_MASTER = "ERR No such master with that name";
  public static final String SENTINEL_INPROG = "INPROG Failover already in progress";
  public static final String SENTINEL_NOGOODSLAVE = "NOGOODSLAVE No suitable replica to promote";
  public static final String SENTINEL_ONLY_HELLO =
      "ERR Only HELLO messages are accepted by Sentinel instances.";
  public static final String SENTINEL_CONFIG_USAGE =
      "ERR Only SENTINEL CONFIG GET <option> / SET <option> <value> are supported.";
  public static final String SENTINEL_FLUSH_FAILED = "ERR Failed to save config file. Check server logs.";
  public static final String SENTINEL_INVALID_QUORUM = "ERR Invalid quorum";
  public static final String SENTINEL_INVALID_PORT = "ERR Invalid port";
  public static final String SENTINEL_QUORUM_MIN = "ERR Quorum must be 1 or greater.";
  public static final String SENTINEL_INVALID_ADDRESS = "ERR Invalid IP address or hostname specified";
  public static final String SENTINEL_UNKNOWN_SIMULATION = "ERR Unknown failure simulation specified";
  public static final String SENTINEL_SCRIPTS_DENIED = "ERR Reconfiguration of scripts path is denied "
      + "for security reasons. Check the deny-scripts-reconfig configuration directive in your "
      + "Sentinel configuration";
  public static final String SENTINEL_SCRIPTS_UNSUPPORTED =
      "ERR Notification and reconfiguration scripts are not supported";

  public static String sentinelSetUnknown(String option) {
    return "ERR Unknown option or number of arguments for SENTINEL SET '" + option + "'";
  }

  public static String sentinelSetInvalid(String arg, String option) {
    return "ERR Invalid argument '" + arg + "' for SENTINEL SET '" + option + "'";
  }

  public static String sentinelConfigSetUnknown(String option) {
    return "ERR Invalid argument '" + option + "' to SENTINEL CONFIG SET";
  }

  public static String sentinelConfigSetInvalid(String value, String option) {
    return "ERR Invalid value '" + value + "' to SENTINEL CONFIG SET '" + option + "'";
  }

  public static String sentinelDebugUnknown(String option) {
    return "ERR Unknown option or number of arguments for SENTINEL DEBUG '" + option + "'";
  }

  public static String sentinelDebugInvalid(String arg, String option) {
    return "ERR Invalid argument '" + arg + "' for SENTINEL DEBUG '" + option + "'";
  }

  private static String truncate(String s) {
    return s.length() > 128 ? s.substring(0, 128) : s;
  }
}

package io.kvstore.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.kvstore.core.reply.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusMapperTest {
  @ParameterizedTest
  @CsvSource(quoteCharacter = '"', value = {
      "ERR syntax error, INVALID_ARGUMENT",
      "WRONGTYPE Operation against a key holding the wrong kind of value, INVALID_ARGUMENT",
      "EXECABORT Transaction discarded because of previous errors., INVALID_ARGUMENT",
      "NOAUTH Authentication required., UNAUTHENTICATED",
      "WRONGPASS invalid username-password pair or user is disabled., PERMISSION_DENIED",
      "NOPERM this user has no permissions, PERMISSION_DENIED",
      "LOADING Redis is loading the dataset in memory, UNAVAILABLE",
      "TRYAGAIN Multiple keys request during rehashing of slot, UNAVAILABLE",
      "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'., UNAVAILABLE",
      "CLUSTERDOWN The cluster is down, UNAVAILABLE",
      "READONLY You can't write against a read only replica., FAILED_PRECONDITION",
      "NOREPLICAS Not enough good replicas to write., FAILED_PRECONDITION",
      "MISCONF Errors writing to the data store, INTERNAL",
      "OOM command not allowed when used memory > 'maxmemory'., RESOURCE_EXHAUSTED",
      "SOMETHINGNEW whatever, UNKNOWN",
  })
  void mapsTheRedisCodeAndKeepsTheText(String text, Status.Code expected) {
    Status s = StatusMapper.toStatus(new Reply.Error(text));
    assertThat(s.getCode()).isEqualTo(expected);
    assertThat(s.getDescription()).isEqualTo(text);
  }
}
